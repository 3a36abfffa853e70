package io.drillbook.bench;

import io.drillbook.drill.DrillId;
import io.drillbook.plan.Action;
import io.drillbook.provider.local.ClusterOwner;
import io.drillbook.provider.local.ScratchSweeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The local provider against the plain PostgreSQL programs, on one source cluster, in one run: a restore
 * test (snapshot by base backup, restore into a scratch cluster, verify row counts) against pg_basebackup +
 * pg_verifybackup + pg_ctl start + count(*) by hand; a dump export against pg_dump -Fc + sha256sum; and the
 * failover RTO, repeated. The two sides alternate (A/B, then B/A) so that neither always runs on a warm
 * cache; medians are printed with their ratio, then where drillbook's extra time goes.
 *
 * <p>Run by bench/local-provider.sh, which creates the source cluster and removes everything afterwards.
 * Usage: LocalProviderBench --root DIR --bin PGBIN --port PORT --database DB [--rounds 7] [--dump-rounds 7]
 * [--failovers 10]
 */
public final class LocalProviderBench {

  private final Path work;
  private final Path byHandDir;
  private final Path exports;
  private final String dsn;
  private final ByHand byHand;

  private LocalProviderBench(Path root, Path bin, int port, String database) {
    this.work = root.resolve("work");
    this.byHandDir = root.resolve("byhand");
    this.exports = root.resolve("exports");
    this.dsn = "postgresql://127.0.0.1:" + port + "/" + database;
    this.byHand = new ByHand(bin, port, database);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    LocalProviderBench bench = new LocalProviderBench(Path.of(opts.get("--root")), Path.of(opts.get("--bin")),
        Integer.parseInt(opts.get("--port")), opts.get("--database"));
    try {
      bench.run(Integer.parseInt(opts.getOrDefault("--rounds", "7")), Integer.parseInt(opts.getOrDefault("--dump-rounds", "7")),
          Integer.parseInt(opts.getOrDefault("--failovers", "10")));
    } finally {
      // Whatever a failed round left: a clock a day ahead makes every resource expired, every drill ended.
      new ScratchSweeper(bench.work, ClusterOwner.forThisProcess(), Clock.offset(Clock.systemUTC(), Duration.ofDays(1))).sweep(id -> false);
    }
  }

  private void run(int rounds, int dumpRounds, int failovers) throws Exception {
    Files.createDirectories(exports);
    double[] dbTotal = new double[rounds];
    double[] dbSnapshot = new double[rounds];
    double[] dbRestore = new double[rounds];
    double[] dbVerify = new double[rounds];
    double[] bhTotal = new double[rounds];
    double[] bhBasebackup = new double[rounds];
    double[] bhVerifybackup = new double[rounds];
    double[] bhStart = new double[rounds];
    double[] bhCount = new double[rounds];
    Profile profile = null;
    long clusterBytes = 0;
    for (int r = 0; r < rounds; r++) {
      boolean drillbookFirst = r % 2 == 0;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == drillbookFirst) {
          RestoreTest d = drillbookRestoreTest(r == rounds - 1);
          dbSnapshot[r] = d.snapshot;
          dbRestore[r] = d.restore;
          dbVerify[r] = d.verify;
          dbTotal[r] = d.snapshot + d.restore + d.verify;
          clusterBytes = d.clusterBytes;
          profile = d.profile == null ? profile : d.profile;
        } else {
          ByHand.RestoreTest hand = byHand.restoreTest(byHandDir.resolve("round-" + r));
          byHand.stop(hand.dir());
          deleteTree(hand.dir());
          bhBasebackup[r] = hand.basebackup();
          bhVerifybackup[r] = hand.verifybackup();
          bhStart[r] = hand.start();
          bhCount[r] = hand.count();
          bhTotal[r] = hand.total();
        }
      }
      System.out.printf("restore test round %d/%d (%s first): drillbook %.2f s, by hand %.2f s, ratio %.2f%n", r + 1, rounds,
          drillbookFirst ? "drillbook" : "by hand", dbTotal[r] / 1000, bhTotal[r] / 1000, dbTotal[r] / bhTotal[r]);
    }

    double[] dbExport = new double[dumpRounds];
    double[] bhExport = new double[dumpRounds];
    long dumpBytes = 0;
    for (int r = 0; r < dumpRounds; r++) {
      boolean drillbookFirst = r % 2 == 0;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == drillbookFirst) {
          DrillbookActions drill = new DrillbookActions(work, dsn, DrillId.newId());
          long t0 = System.nanoTime();
          Map<String, Object> out = drill.run("export", Action.EXPORT, Map.of("format", "dump", "destination", "dir:" + exports));
          dbExport[r] = (System.nanoTime() - t0) / 1e6;
          dumpBytes = ((Number) out.get("totalBytes")).longValue();
          drill.delete("export", out);
        } else {
          Path file = exports.resolve("by-hand-" + r + ".dump");
          bhExport[r] = byHand.dumpAndHash(file);
          Files.delete(file);
        }
      }
      System.out.printf("export round %d/%d (%s first): drillbook %.2f s, by hand %.2f s, ratio %.2f%n", r + 1, dumpRounds,
          drillbookFirst ? "drillbook" : "by hand", dbExport[r] / 1000, bhExport[r] / 1000, dbExport[r] / bhExport[r]);
    }

    double[] rto = new double[failovers];
    double[] failoverTotal = new double[failovers];
    for (int i = 0; i < failovers; i++) {
      DrillbookActions drill = new DrillbookActions(work, dsn, DrillId.newId());
      long t0 = System.nanoTime();
      Map<String, Object> out = drill.run("failover", Action.FAILOVER, Map.of("standby", "scratch", "canaryInterval", "100ms"));
      failoverTotal[i] = (System.nanoTime() - t0) / 1e6;
      rto[i] = ((Number) out.get("rtoMillis")).doubleValue();
      drill.delete("failover", out);
      System.out.printf("failover %d/%d: RTO %.0f ms (rows lost %s), whole step %.2f s%n", i + 1, failovers, rto[i], out.get("rowsLost"),
          failoverTotal[i] / 1000);
    }

    System.out.println();
    System.out.printf("source: %d MB cluster; dump %d MB; medians of %d restore-test rounds, %d export rounds; %d failovers%n",
        clusterBytes >> 20, dumpBytes >> 20, rounds, dumpRounds, failovers);
    System.out.println("| measurement | drillbook | by hand | ratio | goal |");
    System.out.println("|---|---:|---:|---:|---|");
    row("snapshot + restore + verify", dbTotal, bhTotal, 1.15);
    row("export (dump)", dbExport, bhExport, 1.10);
    System.out.printf("| failover RTO (%d runs) | min %.0f ms, median %.0f ms, max %.0f ms, spread %.0f ms | | | |%n", failovers,
        Stats.min(rto), Stats.median(rto), Stats.max(rto), Stats.max(rto) - Stats.min(rto));
    System.out.println();
    System.out.println("Where the time goes (medians, seconds):");
    System.out.printf("  drillbook: snapshot %.2f | restore %.2f | verify %.2f%n", Stats.median(dbSnapshot) / 1000,
        Stats.median(dbRestore) / 1000, Stats.median(dbVerify) / 1000);
    System.out.printf("  by hand:   pg_basebackup %.2f | pg_verifybackup %.2f | pg_ctl start %.2f | count(*) %.2f%n",
        Stats.median(bhBasebackup) / 1000, Stats.median(bhVerifybackup) / 1000, Stats.median(bhStart) / 1000, Stats.median(bhCount) / 1000);
    if (profile != null) {
      System.out.printf("  drillbook's work timed alone, once: pg_basebackup with SHA-256 manifest checksums %.2f | pg_verifybackup of"
          + " that manifest %.2f (at snapshot and again at restore) | cp -a of the backup into the scratch cluster %.2f"
          + " | count(*) per table on the source %.2f%n",
          profile.basebackupSha256 / 1000, profile.verifybackup / 1000, profile.copy / 1000, profile.sourceCounts / 1000);
    }
  }

  /** One drillbook restore test; with {@code profile}, its backup is also used to time drillbook's extra work alone. */
  private RestoreTest drillbookRestoreTest(boolean profile) throws Exception {
    DrillbookActions drill = new DrillbookActions(work, dsn, DrillId.newId());
    long t0 = System.nanoTime();
    Map<String, Object> snap = drill.run("snapshot", Action.SNAPSHOT, Map.of("method", "basebackup"));
    long t1 = System.nanoTime();
    Map<String, Object> restored = drill.run("restore", Action.RESTORE, Map.of("target", "scratch"), "snapshot", snap);
    long t2 = System.nanoTime();
    drill.run("verify", Action.VERIFY, Map.of("rowCounts", Map.of("compareWith", "source")), "restore", restored);
    long t3 = System.nanoTime();
    Profile p = null;
    if (profile) {
      Path data = Path.of(snap.get("path").toString()).resolve("data");
      Path copy = byHandDir.resolve("copy");
      Path sha = byHandDir.resolve("sha256");
      p = new Profile(byHand.basebackup(sha.resolve("data"), "--manifest-checksums=SHA256"), byHand.verifybackup(data),
          byHand.copy(data, copy), byHand.countSource());
      deleteTree(copy);
      deleteTree(sha);
    }
    drill.delete("restore", restored);
    drill.delete("snapshot", snap);
    return new RestoreTest((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, ((Number) snap.get("sizeBytes")).longValue(), p);
  }

  private record RestoreTest(double snapshot, double restore, double verify, long clusterBytes, Profile profile) {}

  private record Profile(double basebackupSha256, double verifybackup, double copy, double sourceCounts) {}

  private static void row(String what, double[] drillbook, double[] byHand, double goal) {
    double ratio = Stats.median(drillbook) / Stats.median(byHand);
    System.out.printf("| %s | %.2f s | %.2f s | %.2f | <= %.2f %s |%n", what, Stats.median(drillbook) / 1000, Stats.median(byHand) / 1000,
        ratio, goal, ratio <= goal ? "met" : "MISSED");
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--root", "--bin", "--port", "--database")) {
      if (!opts.containsKey(required)) {
        throw new IllegalArgumentException("missing " + required + "; usage: LocalProviderBench --root DIR --bin PGBIN --port PORT"
            + " --database DB [--rounds N] [--dump-rounds N] [--failovers N]");
      }
    }
    return opts;
  }
}
