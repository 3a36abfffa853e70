package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL cluster the drill owns: {@code home/data} (the data directory) and {@code home/postgres.log},
 * run by the {@link ClusterOwner} on a free port of 127.0.0.1.
 *
 * <p>Whatever the data came from (a production base backup included), {@link #configure} makes the cluster
 * safe to run on the drill machine: it listens on 127.0.0.1 only, no Unix socket (which could clash with a
 * real cluster's), does not archive WAL into production's archive, does not wait for a synchronous standby
 * that is not there, and trusts only the drill's user from 127.0.0.1 (the cluster holds a copy of data that
 * already sits on this machine in the snapshot, and lives only for the drill).
 */
final class ScratchCluster {

  private static final Pattern PORT_LINE = Pattern.compile("(?m)^\\s*port\\s*=\\s*'?(\\d+)'?");
  private static final int START_ATTEMPTS = 3;
  private static final String OVERRIDES_HEADER = "# drillbook scratch cluster overrides";

  private final Path home;
  private final PgTool tools;
  private final String stepId;

  ScratchCluster(Path home, PgTool tools, String stepId) {
    this.home = home;
    this.tools = tools;
    this.stepId = stepId;
  }

  Path home() {
    return home;
  }

  Path dataDir() {
    return home.resolve("data");
  }

  boolean exists() {
    return Files.isRegularFile(dataDir().resolve("PG_VERSION"));
  }

  /** A new, empty cluster whose superuser is {@code superuser} (the drill's user). */
  void initdb(String superuser) throws IOException, InterruptedException {
    tools.runOrFail("initdb", PgTool.Call.owner("initdb", List.of("-D", dataDir().toString(), "-U", superuser,
            "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")),
        situation("creating a scratch cluster in " + dataDir()));
  }

  /**
   * Fills the (empty) data directory with a base backup of {@code from}: with {@code asStandby}, a streaming
   * standby of it ({@code -R} writes standby.signal and primary_conninfo), else an independent copy.
   */
  void baseBackupFrom(PgEndpoint from, boolean asStandby) throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("-D", dataDir().toString(), "-Fp", "-X", "stream",
        "--checkpoint=fast", "--no-password"));
    if (asStandby) {
      args.add("-R");
    }
    args.addAll(from.toolArgs());
    tools.runOrFail("pg_basebackup", PgTool.Call.owner("pg_basebackup", args).env(from.toolEnv())
        .measuring(() -> FileTrees.size(dataDir())), new PgFaults.Situation(stepId,
        asStandby ? "building a streaming standby" : "copying the source into a scratch primary", from, dataDir()));
  }

  /** Writes the scratch overrides (last value wins in postgresql.auto.conf) and the scratch pg_hba.conf. */
  void configure(int port, String user) throws IOException {
    Path data = dataDir();
    Path conf = data.resolve("postgresql.conf");
    if (!Files.exists(conf)) {
      // Debian-style sources keep postgresql.conf in /etc: the backup has none, and the server needs one.
      Files.writeString(conf, "# written by drillbook: the source kept its configuration outside the data directory\n");
      tools.owner().giveTo(conf);
    }
    Path ident = data.resolve("pg_ident.conf");
    if (!Files.exists(ident)) {
      Files.writeString(ident, "");
      tools.owner().giveTo(ident);
    }
    Path hba = data.resolve("pg_hba.conf");
    Files.writeString(hba, "# written by drillbook for a scratch cluster: only the drill's user, only from this machine\n"
        + "host all " + hbaUser(user) + " 127.0.0.1/32 trust\n"
        + "host replication " + hbaUser(user) + " 127.0.0.1/32 trust\n");
    tools.owner().giveTo(hba);
    String name = home.getFileName().toString();
    String overrides = "\n" + OVERRIDES_HEADER + "\n"
        + "port = " + port + "\n"
        + "listen_addresses = '127.0.0.1'\n"
        + "unix_socket_directories = ''\n"
        + "cluster_name = 'drillbook-" + name.substring(0, Math.min(50, name.length())) + "'\n"
        + "hba_file = '" + quoted(hba) + "'\n"
        + "ident_file = '" + quoted(ident) + "'\n"
        + "ssl = off\n"
        + "archive_mode = off\n"
        + "archive_command = ''\n"
        + "synchronous_standby_names = ''\n"
        + "huge_pages = try\n"
        + "logging_collector = off\n"
        + "wal_level = replica\n"
        + "max_wal_senders = 5\n"
        + "hot_standby = on\n";
    Files.writeString(data.resolve("postgresql.auto.conf"), overrides, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Whether {@link #configure} ran: an unconfigured cluster would start on the default port, next to production. */
  boolean configured() throws IOException {
    Path auto = dataDir().resolve("postgresql.auto.conf");
    return Files.isRegularFile(auto) && Files.readString(auto).contains(OVERRIDES_HEADER);
  }

  /** The configured port (the last {@code port =} line wins, as in PostgreSQL). */
  int port() throws IOException {
    Matcher m = PORT_LINE.matcher(Files.readString(dataDir().resolve("postgresql.auto.conf")));
    int port = -1;
    while (m.find()) {
      port = Integer.parseInt(m.group(1));
    }
    if (port < 0) {
      throw new ActionFailure("step " + stepId + ": scratch cluster " + dataDir() + " has no port configured; remove it and retry");
    }
    return port;
  }

  boolean isRunning() throws IOException, InterruptedException {
    return exists() && tools.run("pg_ctl status", PgTool.Call.owner("pg_ctl", List.of("status", "-D", dataDir().toString()))).ok();
  }

  /**
   * Starts the cluster and waits until it accepts connections; if its port was taken in the meantime, moves
   * it to another free port. Returns the port it listens on.
   */
  int start(String user) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      PgTool.Result r = tools.run("starting scratch cluster", PgTool.Call.owner("pg_ctl",
          List.of("start", "-D", dataDir().toString(), "-l", logFile().toString(), "-w", "-t", "300")));
      if (r.ok()) {
        return port();
      }
      String log = PgTool.excerpt(logFile());
      if (log.contains("Address already in use") && attempt < START_ATTEMPTS) {
        configure(FreePort.pick(), user);
        continue;
      }
      throw new ActionFailure("step " + stepId + ": the scratch cluster in " + dataDir() + " did not start: " + r.excerpt()
          + " | server log: " + log + ". Check free disk space and memory; if the source uses extensions or settings this"
          + " machine lacks (shared_preload_libraries), install them here");
    }
  }

  /** Stops the server: {@code fast} (clean) or {@code immediate} (a crash, used to simulate a failure). */
  void stop(String mode) throws IOException, InterruptedException {
    if (!isRunning()) {
      return;
    }
    tools.runOrFail("stopping scratch cluster", PgTool.Call.owner("pg_ctl",
        List.of("stop", "-D", dataDir().toString(), "-m", mode, "-w", "-t", "120")), situation("stopping " + dataDir()));
  }

  void promote() throws IOException, InterruptedException {
    tools.runOrFail("promoting standby", PgTool.Call.owner("pg_ctl",
        List.of("promote", "-D", dataDir().toString(), "-w", "-t", "120")), situation("promoting the standby in " + dataDir()));
  }

  /** Stops the server if it runs, then removes the data directory only (the owning directory stays). */
  void removeData() throws IOException, InterruptedException {
    stop("immediate");
    FileTrees.deleteRecursively(dataDir());
    Files.deleteIfExists(logFile());
  }

  Path logFile() {
    return home.resolve("postgres.log");
  }

  PgEndpoint endpoint(String database, String user) throws IOException {
    return PgEndpoint.scratch(port(), database, user);
  }

  private PgFaults.Situation situation(String doing) {
    return new PgFaults.Situation(stepId, doing, null, home);
  }

  /** A value inside single quotes in postgresql.conf. */
  private static String quoted(Path p) {
    return p.toString().replace("'", "''");
  }

  /** pg_hba user names with special characters must be quoted. */
  private static String hbaUser(String user) {
    return user.matches("[A-Za-z0-9_]+") ? user : "\"" + user.replace("\"", "") + "\"";
  }
}
