package io.drillbook.portal;

import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Portal sessions and pending OIDC sign-ins, in the evidence store's database (tables {@code portal_session}
 * and {@code portal_login}, migrated with the API tokens from {@code classpath:db/auth}). Session IDs are 256
 * random bits known only to the browser; the table holds their SHA-256. A session ends after
 * {@link PortalSettings#idleTimeout()} without a request, at {@link PortalSettings#maxLifetime()} whatever
 * happens, at sign-out, and as soon as the API token it was opened with is revoked or expires.
 */
final class SessionStore {
  /** How long the identity provider has to send a user back. */
  static final Duration LOGIN_WINDOW = Duration.ofMinutes(10);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The database did not answer: the portal shows a 503 page, worth retrying once it is back. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, SQLException cause) {
      super(message + ": " + cause.getMessage(), cause);
    }
  }

  private final DataSource pool;
  private final PortalSettings settings;

  private SessionStore(DataSource pool, PortalSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  /** The sessions of the {@link AuthDatabase}, which owns the connections. */
  static SessionStore on(AuthDatabase database, PortalSettings settings) {
    return new SessionStore(database.dataSource(), settings);
  }

  /** Opens a session for {@code who}, after clearing the ones that have ended. */
  PortalSession open(Principal who, Instant now) {
    update("DELETE FROM portal_session WHERE expires_at <= ? OR last_seen_at <= ?", utc(now),
        utc(now.minus(settings.idleTimeout())));
    String id = randomToken();
    String csrf = randomToken();
    update("""
        INSERT INTO portal_session (id_sha256, csrf_token, name, roles, tenant, credential, created_at, last_seen_at,
          expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        sha256(id), csrf, who.name(), who.roles().stream().map(Role::id).sorted().collect(Collectors.joining(",")),
        who.tenant(), who.credential(), utc(now), utc(now), utc(now.plus(settings.maxLifetime())));
    return new PortalSession(id, csrf, who);
  }

  /**
   * The live session of a cookie value, its idle clock restarted; empty when there is none, it has ended, or its
   * API token has since been revoked or has expired (the session is then deleted).
   */
  Optional<PortalSession> find(String id, Instant now) {
    if (id == null || id.isBlank() || id.length() > 64) {
      return Optional.empty();
    }
    String key = sha256(id);
    Optional<PortalSession> found = query(id, key, now);
    if (found.isEmpty()) {
      update("DELETE FROM portal_session WHERE id_sha256 = ?", key);
      return found;
    }
    update("UPDATE portal_session SET last_seen_at = ? WHERE id_sha256 = ?", utc(now), key);
    return found;
  }

  private Optional<PortalSession> query(String id, String key, Instant now) {
    // A token session lives no longer than its token: the join sees revocation and expiry at once.
    String sql = """
        SELECT s.csrf_token, s.name, s.roles, s.tenant, s.credential, s.last_seen_at, s.expires_at,
               t.id, t.revoked_at, t.expires_at
        FROM portal_session s LEFT JOIN api_token t ON t.id = s.credential
        WHERE s.id_sha256 = ?""";
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Instant lastSeen = instant(rs, 6);
        boolean ended = !now.isBefore(instant(rs, 7)) || !now.isBefore(lastSeen.plus(settings.idleTimeout()));
        boolean tokenGone = rs.getString(8) == null
            ? !rs.getString(5).startsWith("oidc:")
            : rs.getObject(9) != null || !now.isBefore(instant(rs, 10));
        if (ended || tokenGone) {
          return Optional.empty();
        }
        Set<Role> roles = new LinkedHashSet<>();
        Arrays.stream(rs.getString(3).split(",")).forEach(r -> Role.byId(r).ifPresent(roles::add));
        return Optional.of(new PortalSession(id, rs.getString(1),
            new Principal(rs.getString(2), roles, rs.getString(4), rs.getString(5))));
      }
    } catch (SQLException e) {
      throw new Unavailable("cannot read portal sessions", e);
    }
  }

  /** Signs out: the session is gone for every worker at once. */
  void close(String id) {
    if (id != null && !id.isBlank()) {
      update("DELETE FROM portal_session WHERE id_sha256 = ?", sha256(id));
    }
  }

  /** Remembers the PKCE verifier of an OIDC sign-in under its state, until the provider sends the user back. */
  void beginLogin(String state, String verifier, Instant now) {
    update("DELETE FROM portal_login WHERE created_at <= ?", utc(now.minus(LOGIN_WINDOW)));
    update("INSERT INTO portal_login (state_sha256, code_verifier, created_at) VALUES (?, ?, ?)", sha256(state),
        verifier, utc(now));
  }

  /** The verifier of a pending sign-in, which can be used once only; empty for an unknown or stale state. */
  Optional<String> finishLogin(String state, Instant now) {
    if (state == null || state.isBlank() || state.length() > 64) {
      return Optional.empty();
    }
    String key = sha256(state);
    String sql = "SELECT code_verifier, created_at FROM portal_login WHERE state_sha256 = ?";
    Optional<String> verifier;
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        verifier = rs.next() && now.isBefore(instant(rs, 2).plus(LOGIN_WINDOW))
            ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new Unavailable("cannot read pending sign-ins", e);
    }
    update("DELETE FROM portal_login WHERE state_sha256 = ?", key);
    return verifier;
  }

  /** 256 random bits, URL-safe: session IDs, CSRF tokens, OIDC state and PKCE verifiers. */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String value) {
    return HexFormat.of().formatHex(digest(value));
  }

  static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private void update(String sql, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.executeUpdate();
    } catch (SQLException e) {
      throw new Unavailable("cannot update portal sessions", e);
    }
  }

  private static OffsetDateTime utc(Instant time) {
    return time.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
