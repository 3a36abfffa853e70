package io.drillbook.bench;

import io.drillbook.provider.local.ClusterOwner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator would type to do the same work without drillbook: the PostgreSQL programs, run as the
 * cluster owner where drillbook runs them so, each timed from start to exit.
 */
final class ByHand {

  /** One count(*) per user table, in one psql call, as a query an operator would paste. */
  private static final String COUNT_EVERY_TABLE = "SELECT format('%I.%I', schemaname, tablename), "
      + "(xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text "
      + "FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1";

  private final Path bin;
  private final int sourcePort;
  private final String database;
  private final ClusterOwner owner = ClusterOwner.forThisProcess();

  ByHand(Path bin, int sourcePort, String database) {
    this.bin = bin;
    this.sourcePort = sourcePort;
    this.database = database;
  }

  /** Milliseconds of each phase of a restore test by hand, and the directory to remove afterwards. */
  record RestoreTest(double basebackup, double verifybackup, double start, double count, Path dir) {
    double total() {
      return basebackup + verifybackup + start + count;
    }
  }

  /** pg_basebackup, pg_verifybackup, pg_ctl start on the backup itself (on a free port), count(*) per table. */
  RestoreTest restoreTest(Path dir) throws IOException, InterruptedException {
    Path data = dir.resolve("data");
    double bb = basebackup(data);
    double vb = timed(true, "pg_verifybackup", data.toString());
    int port = freePort();
    double start = timed(true, "pg_ctl", "start", "-D", data.toString(), "-w", "-l", dir.resolve("postgres.log").toString(),
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1");
    double count = timed(false, "psql", "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres", "-d", database,
        "-v", "ON_ERROR_STOP=1", "-Atc", COUNT_EVERY_TABLE);
    return new RestoreTest(bb, vb, start, count, dir);
  }

  /** pg_basebackup of the source into {@code data} (plain format, WAL streamed, fast checkpoint), with {@code extra} options. */
  double basebackup(Path data, String... extra) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("-D", data.toString(), "-X", "stream", "--checkpoint=fast",
        "-h", "127.0.0.1", "-p", String.valueOf(sourcePort), "-U", "postgres", "--no-password"));
    args.addAll(List.of(extra));
    return timed(true, "pg_basebackup", args.toArray(String[]::new));
  }

  /** Stops the cluster a {@link #restoreTest} started; the caller removes its directory. */
  void stop(Path dir) throws IOException, InterruptedException {
    timed(true, "pg_ctl", "stop", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w");
  }

  /** pg_dump -Fc of the database, then sha256sum of the file. */
  double dumpAndHash(Path file) throws IOException, InterruptedException {
    return timed(false, "pg_dump", "-Fc", "--no-password", "-h", "127.0.0.1", "-p", String.valueOf(sourcePort), "-U", "postgres",
        "-f", file.toString(), "-d", database)
        + timedSystem(List.of("sha256sum", file.toString()));
  }

  /** One count(*) per table on the source: what drillbook's snapshot adds to record the source's state. */
  double countSource() throws IOException, InterruptedException {
    return timed(false, "psql", "-h", "127.0.0.1", "-p", String.valueOf(sourcePort), "-U", "postgres", "-d", database,
        "-v", "ON_ERROR_STOP=1", "-Atc", COUNT_EVERY_TABLE);
  }

  /** pg_verifybackup of a backup directory, as the cluster owner. */
  double verifybackup(Path data) throws IOException, InterruptedException {
    return timed(true, "pg_verifybackup", data.toString());
  }

  /** cp -a of a directory, as the cluster owner: what a restore into a scratch cluster copies. */
  double copy(Path from, Path to) throws IOException, InterruptedException {
    return timedSystem(owner.asOwner(List.of("cp", "-a", from.toString(), to.toString())));
  }

  private double timed(boolean asOwner, String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bin.resolve(tool).toString()));
    command.addAll(List.of(args));
    return timedSystem(asOwner ? owner.asOwner(command) : command);
  }

  private static double timedSystem(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // As drillbook does: what a program connects to is on its command line only.
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
    long t0 = System.nanoTime();
    Process p = pb.start();
    byte[] output = p.getInputStream().readAllBytes();
    int exit = p.waitFor();
    double ms = (System.nanoTime() - t0) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ": " + new String(output));
    }
    return ms;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
