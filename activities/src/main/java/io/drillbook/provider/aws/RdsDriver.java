package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Exports;
import io.drillbook.provider.Failovers;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.local.ExplainedAction;
import java.util.function.Function;

/**
 * The actions an RDS instance and an Aurora cluster share, each written once over their {@link RdsFlavor};
 * the subclasses add how they fail over. See docs/providers/aws.md for every action's API calls.
 */
abstract class RdsDriver implements Snapshots, Restores, Verifies, Failovers, Exports, Deletes {

  private final AwsClients aws;
  private final ResourceTypeSpec spec;
  private final Function<RdsSession, RdsFlavor> flavor;

  RdsDriver(AwsClients aws, ResourceTypeSpec spec, Function<RdsSession, RdsFlavor> flavor) {
    this.aws = aws;
    this.spec = spec;
    this.flavor = flavor;
  }

  @Override
  public ResourceTypeSpec spec() {
    return spec;
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
  public ActionResult export(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "export", c -> new SnapshotExport(prepare(c)).export());
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> new DrillCopyDeletion(prepare(c)).delete());
  }

  RdsAction prepare(ActionContext ctx) {
    return RdsAction.prepare(ctx, aws, flavor, getClass());
  }
}
