package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;

/**
 * The {@code aws/rds-instance} resource: an RDS DB instance, snapshotted, restored into a scratch instance,
 * verified over JDBC like a local restore, failed over (Multi-AZ) under a canary, exported to S3.
 */
public final class RdsInstanceDriver extends RdsDriver {

  public RdsInstanceDriver(AwsClients aws) {
    super(aws, AwsResourceTypes.RDS_INSTANCE, InstanceFlavor::new);
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
}
