package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code failback} after a {@code failover} step ({@code from}): the old primary is rebuilt as a streaming
 * standby of the promoted one (a fresh base backup: its timeline diverged at the crash), then service is
 * handed back with the same measured {@link Switchover}, this time with a clean stop ({@code -m fast}), as a
 * planned failback would: PostgreSQL sends all WAL to the standby before it stops, so no write should be lost.
 */
final class Failback {

  private final PgAction a;

  Failback(PgAction a) {
    this.a = a;
  }

  ActionResult failback() throws Exception {
    Duration interval = ParamValues.duration(a.ctx().with(), "canaryInterval", a.stepId()).orElse(StandbyFailover.DEFAULT_CANARY_INTERVAL);
    Map<String, Object> from = a.ctx().from();
    String fromStep = a.ctx().request().fromStepId();
    String database = ParamValues.required(from, "database", a.stepId(), fromStep);
    ScratchCluster current = new ScratchCluster(Path.of(ParamValues.required(from, "newPrimaryDataDir", a.stepId(), fromStep)).getParent(),
        a.tools(), a.stepId());
    ScratchCluster original = new ScratchCluster(Path.of(ParamValues.required(from, "oldPrimaryDataDir", a.stepId(), fromStep)).getParent(),
        a.tools(), a.stepId());
    // Holds only this step's result, so a retry after the switch-back does not switch again.
    OwnedDirectory dir = OwnedDirectory.claim(a.workDir().resolve(a.ctx().deterministicName("failback")), a.ctx(), "failback",
        null, a.tools().owner());
    Optional<Map<String, Object>> done = dir.completed();
    if (done.isPresent()) {
      return dir.reused(done.get(), a.log());
    }
    long start = System.currentTimeMillis();
    String user = a.user();
    if (!current.isRunning()) {
      current.start(user);
    }
    original.removeData();
    original.baseBackupFrom(current.endpoint(database, user), true);
    original.configure(FreePort.pick(), user);
    original.start(user);
    Map<String, Object> out = new LinkedHashMap<>(new Switchover(a).run(current, original, database, "fast", interval));
    out.put("primaryPort", original.port());
    out.put("primaryDataDir", original.dataDir().toString());
    out.put("stoppedPort", current.port());
    out.put("stoppedDataDir", current.dataDir().toString());
    out.put("scratchDsn", PgEndpoint.scratch(original.port(), database, user).dsn());
    out.put("database", database);
    out.put("durationMillis", System.currentTimeMillis() - start);
    out.put("createdResources", List.of(dir.path().toString()));
    dir.complete(out);
    return ActionResult.of(out);
  }
}
