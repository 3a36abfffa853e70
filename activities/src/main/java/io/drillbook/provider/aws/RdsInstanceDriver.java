package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Exports;
import io.drillbook.provider.Failovers;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;

/**
 * The {@code aws/rds-instance} resource: an RDS DB instance, snapshotted, restored into a scratch instance,
 * verified over JDBC like a local restore, failed over (Multi-AZ) under a canary, exported to S3. See
 * docs/providers/aws.md for every action's API calls.
 */
public final class RdsInstanceDriver implements Snapshots, Restores, Verifies, Failovers, Exports, Deletes {

  private final AwsClients aws;

  public RdsInstanceDriver(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceTypeSpec spec() {
    return AwsResourceTypes.RDS_INSTANCE;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> new DatabaseSnapshot(prepare(c)).take());
  }

  @Override
  public ActionResult restore(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "restore", c -> new ScratchCopy(prepare(c)).restore());
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> new CopyVerification(prepare(c)).verify());
  }

  @Override
  public ActionResult failover(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "failover", c -> {
      if (!"multi-az".equals(c.param("standby").orElse("scratch"))) {
        throw new ActionFailure("step " + c.stepId() + ": failover with standby: scratch (a read replica created for the drill, then "
            + "promoted) is not supported in this build; use standby: multi-az on a Multi-AZ instance tagged drillbook:disruption-allowed=true");
      }
      return new MeasuredFailover(prepare(c)).run("fail over", null);
    });
  }

  @Override
  public ActionResult export(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "export", c -> new SnapshotExport(prepare(c)).export());
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> new DrillCopyDeletion(prepare(c)).delete());
  }

  private RdsAction prepare(ActionContext ctx) {
    return RdsAction.prepare(ctx, aws, InstanceFlavor::new, RdsInstanceDriver.class);
  }
}
