package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Exports;
import io.drillbook.provider.Failbacks;
import io.drillbook.provider.Failovers;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.LocalResourceTypes;

/**
 * The {@code local/postgresql} resource: a PostgreSQL database reached by {@code config.dsn}, drilled with
 * the PostgreSQL programs on this machine and scratch clusters under the action's work directory. See
 * docs/providers/local.md for every action's parameters and outputs.
 */
public final class PostgresqlDriver implements Snapshots, Restores, Verifies, Failovers, Failbacks, Exports, Deletes {

  private final ClusterOwner owner;

  /** Scratch clusters run as postgres when the worker runs as root, else as the worker's user. */
  public PostgresqlDriver() {
    this(ClusterOwner.forThisProcess());
  }

  public PostgresqlDriver(ClusterOwner owner) {
    this.owner = owner;
  }

  @Override
  public ResourceTypeSpec spec() {
    return LocalResourceTypes.POSTGRESQL;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> {
      PgAction a = prepare(c);
      return DumpSnapshot.METHOD.equals(c.param("method").orElse(BaseBackup.METHOD))
          ? new DumpSnapshot(a).take()
          : new BaseBackup(a).take();
    });
  }

  @Override
  public ActionResult restore(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "restore", c -> new ScratchRestore(prepare(c)).restore());
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> new RestoredDatabaseVerification(prepare(c)).verify());
  }

  @Override
  public ActionResult failover(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "failover", c -> new StandbyFailover(prepare(c)).failover());
  }

  @Override
  public ActionResult failback(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "failback", c -> new Failback(prepare(c)).failback());
  }

  @Override
  public ActionResult export(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "export", c -> new DatabaseExport(prepare(c)).export());
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> {
      PgAction a = prepare(c);
      return OwnedResources.delete(c, a.tools(), a.log());
    });
  }

  private PgAction prepare(ActionContext ctx) throws java.io.IOException {
    return PgAction.prepare(ctx, owner, PostgresqlDriver.class);
  }
}
