package io.drillbook.provider.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/** PostgreSQL (self-managed, RDS and Aurora PostgreSQL) through pgjdbc. */
final class PostgresDialect implements SqlDialect {

  @Override
  public String scheme() {
    return "postgresql";
  }

  @Override
  public String defaultUser() {
    return "postgres";
  }

  @Override
  public Connection connect(PgEndpoint e) throws SQLException {
    Properties p = credentials(e);
    p.setProperty("connectTimeout", "10");
    p.setProperty("loginTimeout", "15");
    p.setProperty("ApplicationName", "drillbook");
    // Server error details can quote row values (e.g. a duplicate key); keep client data out of messages.
    p.setProperty("logServerErrorDetail", "false");
    return DriverManager.getConnection("jdbc:postgresql://" + e.host() + ":" + e.port() + "/" + e.database(), p);
  }

  static Properties credentials(PgEndpoint e) {
    Properties p = new Properties();
    p.setProperty("user", e.user());
    if (e.password() != null) {
      p.setProperty("password", e.password());
    }
    return p;
  }

  @Override
  public String canaryUrl(PgEndpoint e) {
    return canaryUrl(e.host() + ":" + e.port(), e.database()) + "&hostRecheckSeconds=0";
  }

  /** @param hosts one host:port, or several for pgjdbc to pick the primary among */
  static String canaryUrl(String hosts, String database) {
    return "jdbc:postgresql://" + hosts + "/" + database
        + "?targetServerType=primary&connectTimeout=2&loginTimeout=3&socketTimeout=5&ApplicationName=drillbook-canary";
  }

  @Override
  public String tableListing() {
    return """
        SELECT n.nspname, c.relname, pg_total_relation_size(c.oid)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
          AND NOT (n.nspname = 'public' AND c.relname = 'drillbook_canary')
        ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C\"""";
  }

  @Override
  public String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public void prepareChecksums(Statement st) throws SQLException {
    for (String setting : List.of("TimeZone = 'UTC'", "DateStyle = 'ISO, YMD'", "IntervalStyle = 'postgres'",
        "extra_float_digits = 3", "bytea_output = 'hex'")) {
      st.execute("SET " + setting);
    }
  }

  @Override
  public String checksum(Connection c, TableInventory.Table t) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT encode(sha256(convert_to(coalesce(string_agg(md5(r::text), ''"
            + " ORDER BY md5(r::text) COLLATE \"C\"), ''), 'UTF8')), 'hex') FROM " + t.sql() + " r")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Override
  public String canaryTableDdl() {
    return "CREATE TABLE IF NOT EXISTS " + CanaryWriter.TABLE + " (seq bigint PRIMARY KEY, at timestamptz NOT NULL)";
  }

  @Override
  public String canaryInsert() {
    return "INSERT INTO " + CanaryWriter.TABLE + " (seq, at) VALUES (?, clock_timestamp())";
  }

  @Override
  public String serverIdentity() {
    return "SELECT inet_server_port(), coalesce(host(inet_server_addr()), 'socket') || ':' || inet_server_port() || '@' "
        + "|| pg_postmaster_start_time()";
  }
}
