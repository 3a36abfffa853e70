package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.Failbacks;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;

/**
 * The {@code aws/aurora-cluster} resource: an Aurora DB cluster, snapshotted, restored into a scratch cluster
 * with one instance, verified over JDBC, failed over to a reader (and back) under a canary, exported to S3.
 */
public final class AuroraClusterDriver extends RdsDriver implements Failbacks {

  public AuroraClusterDriver(AwsClients aws) {
    super(aws, AwsResourceTypes.AURORA_CLUSTER, ClusterFlavor::new);
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
}
