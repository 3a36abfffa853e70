package io.drillbook.auth;

import java.time.Instant;

/**
 * A local API token as stored, without its secret.
 *
 * @param tenant null for an MSP token that sees every tenant
 * @param revokedAt null while not revoked
 */
public record ApiToken(String id, String name, Role role, String tenant, Instant createdAt, Instant expiresAt,
    Instant revokedAt) {

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** {@code active}, {@code expired} or {@code revoked}, as `token list` shows it. */
  public String status(Instant now) {
    return revokedAt != null ? "revoked" : expiredAt(now) ? "expired" : "active";
  }

  Principal principal() {
    return new Principal(name, java.util.Set.of(role), tenant, id);
  }
}
