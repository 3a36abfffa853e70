package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.sql.SQLException;

/**
 * How every local action runs: with a last line of explanation (the heartbeat is kept alive around every
 * provider action by {@link io.drillbook.provider.KeepAlive}): an I/O or SQL error that no more specific code turned into an {@link ActionFailure} still
 * becomes one naming the step, the action and, for a full disk, the fix.
 */
public final class ExplainedAction {

  /** One local action's body. */
  public interface Work<T> {
    T run(ActionContext ctx) throws Exception;
  }

  private ExplainedAction() {}

  public static <T> T run(ActionContext ctx, String action, Work<T> work) throws Exception {
    try {
      return work.run(ctx);
    } catch (ActionFailure e) {
      // Failures raised where the step is unknown (binaries, DSN syntax) get it here.
      ActionFailure f = e.getMessage().startsWith("step ") ? e
          : e.isRetryable() ? ActionFailure.retryable("step " + ctx.stepId() + ": " + action + ": " + e.getMessage(), e)
          : new ActionFailure("step " + ctx.stepId() + ": " + action + ": " + e.getMessage(), e);
      StepLog.of(ExplainedAction.class, ctx).warn("{} failed: {}", action, f.getMessage());
      throw f;
    } catch (IOException e) {
      String what = String.valueOf(e.getMessage());
      ActionFailure f = what.contains("No space left on device")
          ? new ActionFailure("step " + ctx.stepId() + ": " + action + " failed: disk full (" + what
              + "). Free space there or move the work directory (DRILLBOOK_HOME), then retry the step", e)
          : new ActionFailure("step " + ctx.stepId() + ": " + action + " failed on a file operation: " + e, e);
      StepLog.of(ExplainedAction.class, ctx).warn("{} failed: {}", action, f.getMessage());
      throw f;
    } catch (SQLException e) {
      ActionFailure f = PgFaults.fromSql(e, new PgFaults.Situation(ctx.stepId(), action, null, null));
      StepLog.of(ExplainedAction.class, ctx).warn("{} failed: {}", action, f.getMessage());
      throw f;
    }
  }
}
