package io.drillbook.provider.aws;

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
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;

/**
 * The {@code aws/aurora-cluster} resource: an Aurora DB cluster, snapshotted, restored into a scratch cluster
 * with one instance, verified over JDBC, failed over to a reader (and back) under a canary, exported to S3.
 */
public final class AuroraClusterDriver implements Snapshots, Restores, Verifies, Failovers, Failbacks, Exports, Deletes {

  private final AwsClients aws;

  public AuroraClusterDriver(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceTypeSpec spec() {
    return AwsResourceTypes.AURORA_CLUSTER;
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
    return ExplainedAction.run(ctx, "failover", c -> new MeasuredFailover(prepare(c)).run("fail over", c.param("targetInstance").orElse(null)));
  }

  /** Makes the former writer (the {@code from} failover's {@code writerBefore}, or {@code targetInstance}) the writer again. */
  @Override
  public ActionResult failback(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "failback", c -> {
      Object former = c.from().get("writerBefore");
      String target = c.param("targetInstance").orElse(former == null ? null : former.toString());
      return new MeasuredFailover(prepare(c)).run("fail back", target);
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
    return RdsAction.prepare(ctx, aws, ClusterFlavor::new, AuroraClusterDriver.class);
  }
}
