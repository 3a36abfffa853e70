package io.drillbook.auth;

import com.zaxxer.hikari.HikariDataSource;
import io.drillbook.evidence.DrillbookDatabase;
import io.drillbook.evidence.EvidenceConfig;
import javax.sql.DataSource;

/**
 * The {@code db/auth} schema (API tokens, portal sessions and sign-ins) in the evidence store's database,
 * with its own Flyway history table: migrated once when opened, and one small pool that every store of the
 * schema shares. Closing it closes them all.
 */
public final class AuthDatabase implements AutoCloseable {
  private final HikariDataSource pool;
  private final TokenStore tokens;

  private AuthDatabase(HikariDataSource pool) {
    this.pool = pool;
    this.tokens = new TokenStore(pool);
  }

  /** Opens the schema in the database {@code config} names, migrating it unless told not to. */
  public static AuthDatabase open(EvidenceConfig config) {
    // Short statements committed one by one: a token lookup per API request, a session lookup per page.
    return new AuthDatabase(DrillbookDatabase.open(config, "db/auth", "auth_schema_history", "drillbook-auth", 8, true));
  }

  public TokenStore tokens() {
    return tokens;
  }

  /** The pool, for the schema's other stores (the portal's sessions). */
  public DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }
}
