package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore} with {@code target: scratch}: the snapshot of the {@code from} step, brought back as a new
 * cluster on a free port of this machine, owned by the drill. A base backup is checked again with
 * pg_verifybackup (backups rot), copied and started (PostgreSQL replays the streamed WAL to the backup's
 * consistent point); a dump is loaded into a freshly initialised cluster.
 *
 * <p>A retried attempt finds the same directory: a completed restore is started again if it was stopped and
 * returned as it was; a cluster already running from a base backup is reused; anything else half-done is
 * redone, after stopping what the earlier attempt's programs still do there (its worker may have died
 * leaving a copy or a pg_restore running).
 */
final class ScratchRestore {

  /** coreutils cp keeps modes (PostgreSQL insists on 0700 data directories) and is much faster than a Java copy. */
  private static final String CP = Files.isExecutable(Path.of("/usr/bin/cp")) ? "/usr/bin/cp" : "/bin/cp";

  private final PgAction a;

  ScratchRestore(PgAction a) {
    this.a = a;
  }

  ActionResult restore() throws Exception {
    Map<String, Object> snap = a.ctx().from();
    String fromStep = a.ctx().request().fromStepId();
    String method = ParamValues.required(snap, "method", a.stepId(), fromStep);
    Path snapshotDir = Path.of(ParamValues.required(snap, "path", a.stepId(), fromStep));
    String database = ParamValues.required(snap, "database", a.stepId(), fromStep);
    Duration keepFor = ParamValues.duration(a.ctx().with(), "keepFor", a.stepId()).orElse(null);
    OwnedDirectory dir = OwnedDirectory.claim(a.workDir().resolve(a.ctx().deterministicName("restore")), a.ctx(),
        "scratch-cluster", keepFor, a.tools().owner());
    ScratchCluster cluster = new ScratchCluster(dir.path(), a.tools(), a.stepId());
    String user = a.user();
    Optional<Map<String, Object>> done = dir.completed();
    if (done.isPresent()) {
      return restarted(dir, cluster, done.get(), user);
    }
    if (!Files.isDirectory(snapshotDir)) {
      throw new ActionFailure("step " + a.stepId() + ": the snapshot of step " + fromStep + " is gone (" + snapshotDir
          + "); it was removed by a cleanup or the sweeper: run the snapshot again");
    }
    long start = dir.marker().created().toEpochMilli();
    List<String> observations = new ArrayList<>();
    if (BaseBackup.METHOD.equals(method)) {
      fromBaseBackup(snapshotDir.resolve("data"), cluster, user, observations);
    } else {
      fromDump(snapshotDir.resolve(DumpSnapshot.DUMP_FILE), cluster, user, database);
    }
    int port = cluster.port();
    long now = System.currentTimeMillis();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scratchDsn", PgEndpoint.scratch(port, database, user).dsn());
    out.put("port", port);
    out.put("dataDir", cluster.dataDir().toString());
    out.put("database", database);
    out.put("method", method);
    out.put("snapshotId", snap.get("snapshotId"));
    out.put("durationMillis", now - start);
    if (snap.get("consistentAtMillis") != null) {
      // Data age at restore start: how much a real restore from this snapshot would have lost.
      out.put("rpoMillis", Math.max(0, start - ParamValues.longValue(snap.get("consistentAtMillis"))));
      out.put("rpoMeasuredBy", "snapshot age when the restore started");
    }
    out.put("expiresAt", dir.marker().expiresAt());
    out.put("createdResources", List.of(dir.path().toString()));
    out.put("sourceRowCounts", snap.getOrDefault("rowCounts", Map.of()));
    out.put("sourceChecksums", snap.getOrDefault("checksums", Map.of()));
    dir.complete(out);
    a.log().info("scratch cluster ready on port {} ({} ms)", port, now - start);
    return new ActionResult(out, observations);
  }

  private void fromBaseBackup(Path backup, ScratchCluster cluster, String user, List<String> observations) throws Exception {
    if (cluster.exists() && cluster.isRunning()) {
      // An earlier attempt got as far as starting it: the copy was complete, the cluster is usable.
      observations.add("an earlier attempt had started the scratch cluster; it was reused");
      return;
    }
    LeftoverProcesses.kill(cluster.dataDir(), a.log());
    cluster.removeData();
    // The backup is checked again while it is copied (both read the same files, the second read from the page
    // cache); a backup that fails the check fails the step, and its copy is never started.
    Concurrently.withAlongside(
        () -> a.tools().runOrFail("copying the base backup", PgTool.Call.owner(CP, List.of("-a", backup.toString(), cluster.dataDir().toString()))
                .measuring(() -> FileTrees.size(cluster.dataDir())),
            a.situation("copying the base backup into the scratch cluster", null, cluster.dataDir())),
        () -> {
          BaseBackup.checkWithPgVerifybackup(a, backup);
          return null;
        });
    cluster.configure(FreePort.pick(), user);
    cluster.start(user);
  }

  private void fromDump(Path dump, ScratchCluster cluster, String user, String database) throws Exception {
    if (!cluster.exists() || !cluster.configured()) {
      cluster.removeData();
      cluster.initdb(user);
      cluster.configure(FreePort.pick(), user);
    }
    if (!cluster.isRunning()) {
      cluster.start(user);
    }
    PgEndpoint maintenance = cluster.endpoint("postgres", user);
    // A retry may find a half-loaded database, still loaded by the pg_restore of an attempt whose worker died
    // (FORCE ends its session): start it over.
    try (Connection c = maintenance.connect(); Statement st = c.createStatement()) {
      if (!"postgres".equals(database)) {
        String db = "\"" + database.replace("\"", "\"\"") + "\"";
        st.execute("DROP DATABASE IF EXISTS " + db + (c.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : ""));
        st.execute("CREATE DATABASE " + db + " TEMPLATE template0");
      }
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, a.situation("creating the database in the scratch cluster", maintenance, null));
    }
    PgEndpoint target = maintenance.withDatabase(database);
    List<String> args = new ArrayList<>(List.of("--no-owner", "--no-privileges", "--no-password"));
    args.addAll(target.toolArgs());
    args.addAll(List.of("-d", database, dump.toString()));
    a.tools().runOrFail("pg_restore", PgTool.Call.client("pg_restore", args),
        a.situation("loading the dump into the scratch cluster", target, cluster.dataDir()));
  }

  /** A completed restore asked again: same cluster, running again if something stopped it. */
  private ActionResult restarted(OwnedDirectory dir, ScratchCluster cluster, Map<String, Object> earlier, String user) throws Exception {
    if (!cluster.exists()) {
      throw new ActionFailure("step " + a.stepId() + ": the scratch cluster of this step was removed (" + cluster.dataDir()
          + ") after it had been restored; run the drill again");
    }
    if (cluster.isRunning()) {
      return dir.reused(earlier, a.log());
    }
    int port = cluster.start(user);
    Map<String, Object> out = new LinkedHashMap<>(earlier);
    out.put("port", port);
    out.put("scratchDsn", PgEndpoint.scratch(port, earlier.get("database").toString(), user).dsn());
    dir.complete(out);
    return new ActionResult(out, List.of("the scratch cluster of an earlier attempt was stopped; it was started again"));
  }
}
