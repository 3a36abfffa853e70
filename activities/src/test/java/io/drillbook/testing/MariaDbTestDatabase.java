package io.drillbook.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * A MariaDB (or MySQL) database of its own for one test class, with a user of its own that logs in with a
 * password, as drillbook's verify user would on RDS: {@link #create()} makes {@code drillbook_test_<random>}
 * and that user, {@link #close()} drops both. The server comes from {@code DRILLBOOK_TEST_MYSQL_HOST}
 * (127.0.0.1), {@code DRILLBOOK_TEST_MYSQL_PORT} (3306), {@code DRILLBOOK_TEST_MYSQL_USER} (root, who may
 * create databases and users) and {@code DRILLBOOK_TEST_MYSQL_PASSWORD} (none).
 */
public final class MariaDbTestDatabase implements AutoCloseable {

  private final String server;
  private final Properties admin;
  private final String name;
  private final String user;
  private final String password;
  private final int port;

  private MariaDbTestDatabase(String host, int port, Properties admin) {
    this.server = "jdbc:mariadb://" + host + ":" + port + "/";
    this.port = port;
    this.admin = admin;
    this.name = PostgresTestDatabase.uniqueName("drillbook_test_");
    this.user = PostgresTestDatabase.uniqueName("dbv_").substring(0, 16);
    this.password = PostgresTestDatabase.uniqueName("pw-");
  }

  public static MariaDbTestDatabase create() throws SQLException {
    Map<String, String> env = System.getenv();
    Properties admin = new Properties();
    admin.setProperty("user", env.getOrDefault("DRILLBOOK_TEST_MYSQL_USER", "root"));
    if (env.get("DRILLBOOK_TEST_MYSQL_PASSWORD") != null) {
      admin.setProperty("password", env.get("DRILLBOOK_TEST_MYSQL_PASSWORD"));
    }
    MariaDbTestDatabase db = new MariaDbTestDatabase(env.getOrDefault("DRILLBOOK_TEST_MYSQL_HOST", "127.0.0.1"),
        Integer.parseInt(env.getOrDefault("DRILLBOOK_TEST_MYSQL_PORT", "3306")), admin);
    db.asAdmin("CREATE DATABASE " + db.name, "CREATE USER '" + db.user + "'@'%' IDENTIFIED BY '" + db.password + "'",
        "CREATE USER '" + db.user + "'@'localhost' IDENTIFIED BY '" + db.password + "'",
        "GRANT ALL ON " + db.name + ".* TO '" + db.user + "'@'%'", "GRANT ALL ON " + db.name + ".* TO '" + db.user + "'@'localhost'");
    return db;
  }

  public String name() {
    return name;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public int port() {
    return port;
  }

  /** Runs statements in this database as the administrator. */
  public void execute(String... sql) throws SQLException {
    run(name, sql);
  }

  private void asAdmin(String... sql) throws SQLException {
    run("", sql);
  }

  private void run(String database, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(server + database, admin); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    asAdmin("DROP DATABASE IF EXISTS " + name, "DROP USER IF EXISTS '" + user + "'@'%'", "DROP USER IF EXISTS '" + user + "'@'localhost'");
  }
}
