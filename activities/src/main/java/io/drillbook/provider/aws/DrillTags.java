package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags on everything the provider creates, and the guard built on them: {@code delete} and cleanup act
 * only on a resource carrying this drill's {@code drillbook:drill-id}, so a plan that names a production
 * database by mistake can never delete it. The IAM policy repeats the rule ({@code aws:ResourceTag}
 * conditions), so it holds even against a bug here.
 */
public final class DrillTags {

  public static final String DRILL_ID = "drillbook:drill-id";
  public static final String TENANT = "drillbook:tenant";
  public static final String EXPIRES_AT = "drillbook:expires-at";
  public static final String STEP_ID = "drillbook:step-id";

  /**
   * On a client's production resource: its owner allows drills that disrupt it (a Multi-AZ failover reboots
   * the instance). drillbook never sets it; the IAM policy and the driver both require it.
   */
  public static final String DISRUPTION_ALLOWED = "drillbook:disruption-allowed";

  /**
   * Scratch copies with no {@code keepFor} still carry an expiry: the drill's cleanup removes them sooner; the
   * tag tells {@link AwsScratchSweeper} (and an operator) what a lost cleanup left behind.
   */
  static final Duration DEFAULT_KEEP = Duration.ofHours(24);

  private DrillTags() {}

  /** The tags of a resource created by this step, expiring after {@code keepFor} (default 24 h). */
  public static Map<String, String> forStep(ActionContext ctx, Duration keepFor) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(DRILL_ID, ctx.drillId());
    tags.put(TENANT, ctx.request().tenant() == null ? "" : ctx.request().tenant());
    tags.put(STEP_ID, ctx.stepId());
    tags.put(EXPIRES_AT, Instant.now().plus(keepFor == null ? DEFAULT_KEEP : keepFor).truncatedTo(ChronoUnit.SECONDS).toString());
    return tags;
  }

  /**
   * Refuses to go on unless {@code tags} (the resource's tags as AWS reports them) say this drill created it.
   *
   * @param what the resource for the message, e.g. "DB instance drill-restore-1a2b"
   * @param doing what the step was about to do with it: delete, reuse
   */
  public static void requireOwned(ActionContext ctx, Map<String, String> tags, String what, String doing) {
    String owner = tags.get(DRILL_ID);
    if (ctx.drillId().equals(owner)) {
      return;
    }
    throw new ActionFailure("step " + ctx.stepId() + ": refusing to " + doing + " " + what + ": "
        + (owner == null ? "it has no " + DRILL_ID + " tag, so drillbook did not create it"
            : "its " + DRILL_ID + " tag names drill " + owner + ", not this drill " + ctx.drillId())
        + ". drillbook only deletes or reuses what the same drill created; point `from:` at the step that created it");
  }

  /** Refuses to disrupt a production resource whose owner did not tag it {@code drillbook:disruption-allowed=true}. */
  public static void requireDisruptionAllowed(ActionContext ctx, Map<String, String> tags, String what, String action) {
    if ("true".equalsIgnoreCase(tags.get(DISRUPTION_ALLOWED))) {
      return;
    }
    throw new ActionFailure("step " + ctx.stepId() + ": refusing to " + action + " " + what + ": it is not tagged "
        + DISRUPTION_ALLOWED + "=true. A failover drill on a production resource needs its owner's consent: add that tag to it "
        + "(the IAM policy in deploy/aws requires it too), or use standby: scratch");
  }
}
