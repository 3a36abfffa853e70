package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code failover} with {@code standby: scratch}, safe on any machine because nothing of the source is
 * touched: a scratch primary (a base backup of the source, or the cluster of the restore named by
 * {@code from}), a streaming standby of it, then the measured {@link Switchover} with the primary crashed
 * ({@code pg_ctl stop -m immediate}). An attempt that did not finish is redone from a fresh standby: a
 * half-done measurement is worthless.
 */
final class StandbyFailover {

  static final Duration DEFAULT_CANARY_INTERVAL = Duration.ofMillis(100);

  private final PgAction a;

  StandbyFailover(PgAction a) {
    this.a = a;
  }

  ActionResult failover() throws Exception {
    Duration interval = ParamValues.duration(a.ctx().with(), "canaryInterval", a.stepId()).orElse(DEFAULT_CANARY_INTERVAL);
    Duration keepFor = ParamValues.duration(a.ctx().with(), "keepFor", a.stepId()).orElse(null);
    OwnedDirectory dir = OwnedDirectory.claim(a.workDir().resolve(a.ctx().deterministicName("failover")), a.ctx(), "failover",
        keepFor, a.tools().owner());
    Optional<Map<String, Object>> done = dir.completed();
    if (done.isPresent()) {
      return dir.reused(done.get(), a.log());
    }
    long start = dir.marker().created().toEpochMilli();
    String user = a.user();
    Map<String, Object> from = a.ctx().from();
    ScratchCluster primary;
    String database;
    if (from.get("dataDir") != null) {
      primary = new ScratchCluster(Path.of(from.get("dataDir").toString()).getParent(), a.tools(), a.stepId());
      database = ParamValues.required(from, "database", a.stepId(), a.ctx().request().fromStepId());
    } else {
      PgEndpoint source = PgEndpoint.ofResource(a.ctx());
      database = source.database();
      primary = new ScratchCluster(dir.path().resolve("primary"), a.tools(), a.stepId());
      primary.removeData();
      a.tools().owner().createOwnedDirectory(primary.home());
      primary.baseBackupFrom(source, false);
      primary.configure(FreePort.pick(), user);
    }
    if (!primary.isRunning()) {
      primary.start(user);
    }
    ScratchCluster standby = new ScratchCluster(dir.path().resolve("standby"), a.tools(), a.stepId());
    standby.removeData();
    a.tools().owner().createOwnedDirectory(standby.home());
    standby.baseBackupFrom(primary.endpoint(database, user), true);
    standby.configure(FreePort.pick(), user);
    standby.start(user);
    int oldPort = primary.port();
    Map<String, Object> out = new LinkedHashMap<>(new Switchover(a).run(primary, standby, database, "immediate", interval));
    int newPort = standby.port();
    out.put("oldPrimaryPort", oldPort);
    out.put("oldPrimaryDataDir", primary.dataDir().toString());
    out.put("newPrimaryPort", newPort);
    out.put("newPrimaryDataDir", standby.dataDir().toString());
    out.put("scratchDsn", PgEndpoint.scratch(newPort, database, user).dsn());
    out.put("database", database);
    out.put("durationMillis", System.currentTimeMillis() - start);
    out.put("expiresAt", dir.marker().expiresAt());
    out.put("createdResources", List.of(dir.path().toString()));
    dir.complete(out);
    return ActionResult.of(out);
  }
}
