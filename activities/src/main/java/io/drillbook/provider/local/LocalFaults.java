package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The last line of explanation for a local action: an I/O or SQL error that no more specific code turned
 * into an {@link ActionFailure} still becomes one naming the step, the action and, for a full disk, the fix.
 */
final class LocalFaults {

  /** One local action's body. */
  interface Work<T> {
    T run() throws Exception;
  }

  private LocalFaults() {}

  static <T> T explained(ActionContext ctx, String action, Work<T> work) throws Exception {
    try {
      return work.run();
    } catch (ActionFailure e) {
      StepLog.of(LocalFaults.class, ctx).warn("{} failed: {}", action, e.getMessage());
      throw e;
    } catch (IOException e) {
      String what = String.valueOf(e.getMessage());
      ActionFailure f = what.contains("No space left on device")
          ? new ActionFailure("step " + ctx.stepId() + ": " + action + " failed: disk full (" + what
              + "). Free space there or move the work directory (DRILLBOOK_HOME), then retry the step", e)
          : new ActionFailure("step " + ctx.stepId() + ": " + action + " failed on a file operation: " + e, e);
      StepLog.of(LocalFaults.class, ctx).warn("{} failed: {}", action, f.getMessage());
      throw f;
    } catch (SQLException e) {
      ActionFailure f = PgFaults.fromSql(e, new PgFaults.Situation(ctx.stepId(), action, null, null));
      StepLog.of(LocalFaults.class, ctx).warn("{} failed: {}", action, f.getMessage());
      throw f;
    }
  }
}
