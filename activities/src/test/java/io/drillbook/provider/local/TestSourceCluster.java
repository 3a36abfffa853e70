package io.drillbook.provider.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A source cluster the tests own: initdb'd on a free port as the cluster owner, laid out like Debian's
 * clusters (configuration outside the data directory, the harder case for restores), with a pg_hba the tests
 * control (trust for postgres, a password for {@code drill_secret}, replication allowed for both), filled
 * with a small demo database {@code ehr}. Tests never depend on the system cluster's configuration.
 */
public final class TestSourceCluster implements AutoCloseable {

  public static final String SECRET_USER = "drill_secret";
  public static final String SECRET_PASSWORD = "S3cret-Only-In-Tests";

  final Path root;
  final Path data;
  public final int port;
  private final PgBinaries bin = PgBinaries.locate(null);
  private final ClusterOwner owner = ClusterOwner.forThisProcess();

  public TestSourceCluster(Path root) throws Exception {
    this.root = root;
    this.data = root.resolve("source");
    this.port = FreePort.pick();
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    owner.giveTo(root);
    run(true, bin.tool("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "--no-sync",
        "--encoding=UTF8", "--locale=C");
    // Debian's layout: the configuration lives outside the data directory, so base backups carry none of it.
    Path etc = owned(root.resolve("etc"));
    Files.move(data.resolve("postgresql.conf"), etc.resolve("postgresql.conf"));
    Files.delete(data.resolve("pg_hba.conf"));
    Files.move(data.resolve("pg_ident.conf"), etc.resolve("pg_ident.conf"));
    Files.writeString(etc.resolve("pg_hba.conf"), """
        host all drill_secret 127.0.0.1/32 scram-sha-256
        host replication drill_secret 127.0.0.1/32 scram-sha-256
        host all no_replication 127.0.0.1/32 trust
        host all postgres 127.0.0.1/32 trust
        host replication postgres 127.0.0.1/32 trust
        """);
    Files.writeString(etc.resolve("postgresql.conf"), "data_directory = '" + data + "'\nhba_file = '" + etc.resolve("pg_hba.conf")
        + "'\nident_file = '" + etc.resolve("pg_ident.conf") + "'\nport = " + port + "\nlisten_addresses = '127.0.0.1'\n"
        + "unix_socket_directories = ''\ncluster_name = 'drillbook-test-source'\nfsync = off\nwal_level = replica\n",
        java.nio.file.StandardOpenOption.APPEND);
    for (Path f : List.of(etc.resolve("postgresql.conf"), etc.resolve("pg_hba.conf"), etc.resolve("pg_ident.conf"))) {
      owner.giveTo(f);
    }
    run(true, bin.tool("pg_ctl").toString(), "start", "-D", data.toString(), "-o", "-c config_file=" + etc.resolve("postgresql.conf"),
        "-l", root.resolve("source.log").toString(), "-w");
    try (Connection c = endpoint("postgres").connect(); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + SECRET_USER + " LOGIN REPLICATION PASSWORD '" + SECRET_PASSWORD + "'");
      st.execute("CREATE ROLE no_replication LOGIN REPLICATION");
    }
    new DemoDatabase(endpoint("postgres")).create("ehr", 1);
    try (Connection c = endpoint("ehr").connect(); Statement st = c.createStatement()) {
      st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + SECRET_USER);
    }
  }

  private Path owned(Path dir) throws IOException {
    Files.createDirectories(dir);
    owner.giveTo(dir);
    return dir;
  }

  public PgEndpoint endpoint(String db) {
    return PgEndpoint.scratch(port, db, "postgres");
  }

  String dsn() {
    return "postgresql://127.0.0.1:" + port + "/ehr";
  }

  public void execute(String sql) throws Exception {
    try (Connection c = endpoint("ehr").connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Makes {@code db} on {@code other} an exact copy of this cluster's (pg_dump, pg_restore --clean), as a restore would. */
  public void copyTo(TestSourceCluster other, String db) throws Exception {
    Path dump = root.resolve(db + ".dump");
    run(true, bin.tool("pg_dump").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres", "-Fc", "-f",
        dump.toString(), db);
    run(true, bin.tool("pg_restore").toString(), "-h", "127.0.0.1", "-p", Integer.toString(other.port), "-U", "postgres",
        "--clean", "--if-exists", "-d", db, dump.toString());
  }

  @Override
  public void close() throws Exception {
    run(false, bin.tool("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "immediate", "-w");
  }

  private void run(boolean check, String... command) throws IOException, InterruptedException {
    List<String> c = owner.asOwner(new ArrayList<>(List.of(command)));
    Process p = new ProcessBuilder(c).directory(root.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0 && check) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
