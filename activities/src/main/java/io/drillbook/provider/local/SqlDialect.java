package io.drillbook.provider.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * What differs between the database engines drillbook verifies and writes its canary into: how to connect,
 * list the user tables, hash a table, create the canary table and tell servers apart. The verification
 * ({@link RestoredDatabaseVerification}, {@link TableInventory}) and the {@link CanaryWriter} are written
 * once on top of it.
 */
public sealed interface SqlDialect permits PostgresDialect, MySqlDialect {

  SqlDialect POSTGRESQL = new PostgresDialect();
  SqlDialect MYSQL = new MySqlDialect();

  /**
   * The dialect of an RDS engine name: {@code postgres} and {@code aurora-postgresql}, or {@code mysql},
   * {@code mariadb} and {@code aurora-mysql} (MariaDB's driver speaks to both servers); empty for others.
   */
  static Optional<SqlDialect> forEngine(String engine) {
    return switch (engine == null ? "" : engine.toLowerCase(Locale.ROOT)) {
      case "postgres", "aurora-postgresql" -> Optional.of(POSTGRESQL);
      case "mysql", "mariadb", "aurora-mysql", "aurora" -> Optional.of(MYSQL);
      default -> Optional.empty();
    };
  }

  /** The DSN scheme for outputs: postgresql or mysql. */
  String scheme();

  /** The user when neither the plan nor a secret names one (the engines' usual administrator). */
  String defaultUser();

  Connection connect(PgEndpoint endpoint) throws SQLException;

  /** A JDBC URL for the canary: short timeouts, so a dead primary is noticed within a few canary intervals. */
  String canaryUrl(PgEndpoint endpoint);

  /**
   * A query of the connected database's user tables (schema, name, size in bytes), drillbook's canary table
   * left out, in a stable order.
   */
  String tableListing();

  /** {@code identifier} quoted for SQL. */
  String quote(String identifier);

  /** Session settings that make two servers print the same row alike before {@link #checksum}. */
  void prepareChecksums(Statement st) throws SQLException;

  /** SHA-256 (hex) over the sorted MD5s of every row's text form: independent of the rows' physical order. */
  String checksum(Connection c, TableInventory.Table t) throws SQLException;

  /** {@code CREATE TABLE IF NOT EXISTS drillbook_canary (seq, at)}. */
  String canaryTableDdl();

  /** The canary's insert of one sequence number ({@code ?}) at the server's clock. */
  String canaryInsert();

  /**
   * One row: the server's port, and an identity a promoted standby or replica does not share with the
   * old primary (address, port and start time; or host name, port and server id).
   */
  String serverIdentity();
}
