package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;

/**
 * The {@code aws/rds-instance} resource: an RDS DB instance, snapshotted, restored into a scratch instance,
 * verified over JDBC like a local restore, failed over under a canary (Multi-AZ, or a read replica created and
 * promoted for the drill), exported to S3.
 */
public final class RdsInstanceDriver extends RdsDriver {

  public RdsInstanceDriver(AwsClients aws) {
    super(aws, AwsResourceTypes.RDS_INSTANCE, InstanceFlavor::new);
  }

  @Override
  public ActionResult failover(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "failover", c -> "multi-az".equals(c.param("standby").orElse("scratch"))
        ? new MeasuredFailover(prepare(c)).run("fail over", null)
        : new ReplicaFailover(prepare(c)).run());
  }
}
