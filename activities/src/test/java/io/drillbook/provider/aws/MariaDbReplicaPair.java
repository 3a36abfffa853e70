package io.drillbook.provider.aws;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB primary with the database {@code ehr} and a read replica of it (binlog replication with GTIDs,
 * replica read-only), two scratch servers of this machine's MariaDB on free ports of 127.0.0.1: what stands
 * behind an RDS MariaDB instance and the read replica a scratch failover creates. {@link #promoteReplica} does
 * what PromoteReadReplica does. As root the servers run as the OS user {@code mysql}, which must be able to
 * reach {@code root}.
 */
final class MariaDbReplicaPair implements AutoCloseable {

  static final String USER = "ehr_app";
  static final String PASSWORD = "Ehr-App-Only-In-Tests";

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

  private final Server primary;
  private final Server replica;

  MariaDbReplicaPair(Path root) throws Exception {
    primary = new Server(root.resolve("mariadb-primary"), 1);
    Server started = null;
    try {
      primary.admin("CREATE USER 'repl'@'%' IDENTIFIED BY 'repl-pw'", "GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%'",
          "CREATE DATABASE ehr", "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
          "GRANT ALL ON ehr.* TO '" + USER + "'@'%'", "CREATE TABLE ehr.patient_visit (id INT PRIMARY KEY, ward VARCHAR(20))",
          "INSERT INTO ehr.patient_visit VALUES (1, 'cardio'), (2, 'radio')");
      started = new Server(root.resolve("mariadb-replica"), 2);
      started.admin("CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + primary.port + ", MASTER_USER='repl',"
          + " MASTER_PASSWORD='repl-pw', MASTER_USE_GTID=slave_pos", "START SLAVE", "SET GLOBAL read_only = 1");
      started.awaitRows("SELECT COUNT(*) FROM ehr.patient_visit", 2);
    } catch (Exception e) {
      if (started != null) {
        started.close();
      }
      primary.close();
      throw e;
    }
    replica = started;
  }

  int primaryPort() {
    return primary.port;
  }

  int replicaPort() {
    return replica.port;
  }

  /** The replica stops replicating and takes writes; the primary keeps running. */
  void promoteReplica() throws SQLException {
    replica.admin("STOP SLAVE", "RESET SLAVE ALL", "SET GLOBAL read_only = 0");
  }

  @Override
  public void close() throws Exception {
    replica.close();
    primary.close();
  }

  /** One mariadbd with its own data directory, binlog and server ID. */
  private static final class Server implements AutoCloseable {
    final int port;
    final Process process;
    final Path dir;

    Server(Path dir, int serverId) throws Exception {
      this.dir = dir;
      Files.createDirectories(dir);
      if (ROOT) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.getFileAttributeView(dir, PosixFileAttributeView.class).setOwner(users.lookupPrincipalByName("mysql"));
      }
      Path data = dir.resolve("data");
      run(withUser(new ArrayList<>(List.of(binary("mariadb-install-db", "/usr/bin", "/usr/local/bin"), "--no-defaults",
          "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db"))), dir.resolve("install.log"));
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      process = new ProcessBuilder(withUser(new ArrayList<>(List.of(binary("mariadbd", "/usr/sbin", "/usr/local/sbin"),
          "--no-defaults", "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
          "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"), "--server-id=" + serverId,
          "--log-bin=" + dir.resolve("binlog"), "--binlog-format=ROW", "--innodb-buffer-pool-size=32M",
          "--log-error=" + dir.resolve("error.log")))))
          .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
      awaitRows("SELECT 1", 1);
    }

    private static List<String> withUser(List<String> command) {
      if (ROOT) {
        command.add("--user=mysql");
      }
      return command;
    }

    void admin(String... sql) throws SQLException {
      try (Connection c = connect(); Statement st = c.createStatement()) {
        for (String s : sql) {
          st.execute(s);
        }
      }
    }

    /** Waits (30 s at most) until {@code query} answers {@code expected}: the server is up, the replica caught up. */
    void awaitRows(String query, long expected) throws Exception {
      SQLException last = null;
      for (int i = 0; i < 300; i++) {
        if (!process.isAlive()) {
          throw new IllegalStateException("mariadbd on port " + port + " exited: " + Files.readString(dir.resolve("error.log")));
        }
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
          if (rs.next() && rs.getLong(1) == expected) {
            return;
          }
        } catch (SQLException e) {
          last = e;
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("mariadbd on port " + port + ": '" + query + "' never answered " + expected, last);
    }

    private Connection connect() throws SQLException {
      Properties root = new Properties();
      root.setProperty("user", "root");
      return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", root);
    }

    private static String binary(String name, String... dirs) {
      for (String d : dirs) {
        if (Files.isExecutable(Path.of(d, name))) {
          return Path.of(d, name).toString();
        }
      }
      throw new IllegalStateException(name + " not found in " + String.join(", ", dirs)
          + ": install the MariaDB server package (.ci/run does)");
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
      }
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
