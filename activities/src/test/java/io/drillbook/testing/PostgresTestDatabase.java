package io.drillbook.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL database of its own for one test class, so parallel builds on one server never meet:
 * {@link #create()} makes {@code drillbook_test_<random>}, {@link #close()} drops it (closing whatever
 * connections are left). The server comes from {@code DRILLBOOK_TEST_PG_HOST} (127.0.0.1),
 * {@code DRILLBOOK_TEST_PG_PORT} (5432), {@code DRILLBOOK_TEST_PG_USER} (postgres, a role that may create
 * databases and roles) and {@code DRILLBOOK_TEST_PG_PASSWORD} (none).
 *
 * <pre>{@code
 * static PostgresTestDatabase db;
 * @BeforeAll static void create() throws SQLException { db = PostgresTestDatabase.create(); }
 * @AfterAll static void drop() throws SQLException { db.close(); }
 * }</pre>
 */
public final class PostgresTestDatabase implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String server;
  private final String name;
  private final String user;
  private final String password;

  private PostgresTestDatabase(String server, String name, String user, String password) {
    this.server = server;
    this.name = name;
    this.user = user;
    this.password = password;
  }

  public static PostgresTestDatabase create() throws SQLException {
    Map<String, String> env = System.getenv();
    String server = "jdbc:postgresql://" + env.getOrDefault("DRILLBOOK_TEST_PG_HOST", "127.0.0.1") + ":"
        + env.getOrDefault("DRILLBOOK_TEST_PG_PORT", "5432") + "/";
    PostgresTestDatabase db = new PostgresTestDatabase(server, uniqueName("drillbook_test_"),
        env.getOrDefault("DRILLBOOK_TEST_PG_USER", "postgres"), env.get("DRILLBOOK_TEST_PG_PASSWORD"));
    db.onMaintenanceDatabase("CREATE DATABASE " + db.name);
    return db;
  }

  /** A lower-case identifier, unique across concurrent builds, e.g. for a role a test creates. */
  public static String uniqueName(String prefix) {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return server + name;
  }

  /** The administrative user the database was created with. */
  public String user() {
    return user;
  }

  /** Null when the server needs none. */
  public String password() {
    return password;
  }

  /** A connection to this database as the administrative user (auto-commit on). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), credentials());
  }

  /** Runs statements on the server's {@code postgres} database, e.g. to create or drop a role. */
  public void onMaintenanceDatabase(String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(server + "postgres", credentials());
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    onMaintenanceDatabase("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) {
      p.setProperty("password", password);
    }
    return p;
  }
}
