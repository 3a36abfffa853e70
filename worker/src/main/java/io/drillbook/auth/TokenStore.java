package io.drillbook.auth;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Local API tokens, in the evidence store's database (table {@code api_token} of the {@link AuthDatabase}). A token is {@code ID.SECRET}: the ID names the row,
 * the secret is 256 random bits of which only the SHA-256 is stored, compared in constant time.
 */
public final class TokenStore {

  /** Every token ID, and so every token, starts with this: it tells them from OIDC JWTs (and to secret scanners). */
  public static final String PREFIX = "dbk_";

  private static final char[] BASE32 = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final int ID_CHARS = 12;
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, name, role, tenant, created_at, expires_at, revoked_at";
  private static final String REFUSED_FIX = "ask an MSP administrator for a new token (drillbook token create)";

  private final DataSource pool;

  TokenStore(DataSource pool) {
    this.pool = pool;
  }

  /**
   * Creates a token; the returned bearer value is the only copy of its secret.
   *
   * @param tenant required for a client role; for an MSP role, null (every tenant) or the one tenant it may see
   * @throws IllegalArgumentException with what to change, for a blank name, a client role without a tenant or
   *     a lifetime that is not positive
   */
  public IssuedToken create(String name, Role role, String tenant, Duration lifetime) {
    if (name == null || name.isBlank() || name.length() > 256) {
      throw new IllegalArgumentException("a token needs a name of 1 to 256 characters: the name its holder acts "
          + "under, as the plans' RACI spell it (e.g. oncall, dsi-client)");
    }
    if (role.isClient() && (tenant == null || tenant.isBlank())) {
      throw new IllegalArgumentException("a " + role.id() + " token belongs to one tenant: give --tenant");
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("a token's lifetime must be positive");
    }
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ApiToken token = new ApiToken(newId(), name, role, tenant == null || tenant.isBlank() ? null : tenant, now,
        now.plus(lifetime), null);
    update("cannot store the new token", """
        INSERT INTO api_token (id, secret_sha256, name, role, tenant, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)""",
        token.id(), HexFormat.of().formatHex(sha256(secret)), token.name(), role.id(), token.tenant(),
        utc(token.createdAt()), utc(token.expiresAt()));
    return new IssuedToken(token, token.id() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Every token, newest first, revoked and expired ones included. */
  public List<ApiToken> list() {
    return query("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC, id DESC");
  }

  /**
   * Revokes a token for good; revoking it again changes nothing.
   *
   * @return the token as it now stands, or empty if there is no such token
   */
  public Optional<ApiToken> revoke(String id) {
    update("cannot revoke token " + id, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        utc(Instant.now()), id);
    return query("SELECT " + COLUMNS + " FROM api_token WHERE id = ?", id).stream().findFirst();
  }

  /**
   * Who a presented token belongs to.
   *
   * @throws AuthenticationFailure for a malformed, unknown, wrong, revoked or expired token
   */
  public Principal authenticate(String bearer) {
    int dot = bearer.indexOf('.');
    byte[] secret = dot < 0 ? null : decode(bearer.substring(dot + 1));
    if (!bearer.startsWith(PREFIX) || secret == null) {
      throw new AuthenticationFailure("the bearer value is not a well-formed drillbook API token",
          "send the whole token `drillbook token create` printed (dbk_….…)");
    }
    String id = bearer.substring(0, dot);
    List<String> stored = new ArrayList<>(1);
    List<ApiToken> found = query("SELECT " + COLUMNS + ", secret_sha256 FROM api_token WHERE id = ?",
        rs -> stored.add(rs.getString(8)), id);
    // The same answer for an unknown ID and a wrong secret: IDs are not secret, but there is nothing to gain
    // from telling them apart.
    if (found.isEmpty() || !MessageDigest.isEqual(sha256(secret), HexFormat.of().parseHex(stored.get(0)))) {
      throw new AuthenticationFailure("unknown or wrong API token", REFUSED_FIX);
    }
    ApiToken token = found.get(0);
    if (token.revokedAt() != null) {
      throw new AuthenticationFailure("API token " + id + " was revoked at " + token.revokedAt(), REFUSED_FIX);
    }
    if (token.expiredAt(Instant.now())) {
      throw new AuthenticationFailure("API token " + id + " expired at " + token.expiresAt(), REFUSED_FIX);
    }
    return token.principal();
  }

  private static String newId() {
    StringBuilder id = new StringBuilder(PREFIX);
    for (int i = 0; i < ID_CHARS; i++) {
      id.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return id.toString();
  }

  private static byte[] decode(String secret) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(secret);
      return bytes.length == SECRET_BYTES ? bytes : null;
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static OffsetDateTime utc(Instant time) {
    return time.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private void update(String failure, String sql, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, params);
      st.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(failure + ": " + e.getMessage(), e);
    }
  }

  private List<ApiToken> query(String sql, Object... params) {
    return query(sql, rs -> { }, params);
  }

  /** The tokens the query finds; {@code extra} reads any columns after the seven of {@link #COLUMNS}. */
  private List<ApiToken> query(String sql, RowExtra extra, Object... params) {
    try (Connection c = pool.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      bind(st, params);
      List<ApiToken> tokens = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          // A role this version does not know (written by a newer drillbook) authenticates as nothing.
          Role role = Role.byId(rs.getString(3)).orElse(null);
          if (role != null) {
            tokens.add(new ApiToken(rs.getString(1), rs.getString(2), role, rs.getString(4), instant(rs, 5),
                instant(rs, 6), instant(rs, 7)));
            extra.read(rs);
          }
        }
      }
      return tokens;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read API tokens: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement st, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      st.setObject(i + 1, params[i]);
    }
  }

  @FunctionalInterface
  private interface RowExtra {
    void read(ResultSet rs) throws SQLException;
  }
}
