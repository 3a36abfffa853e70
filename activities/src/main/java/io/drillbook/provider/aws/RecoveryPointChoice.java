package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointResponse;

/**
 * The recovery point a backup-vault restore uses: the one named by {@code with.recoveryPointArn}, else the
 * newest completed one of {@code with.resourceArn}, else the from step's on-demand backup.
 */
record RecoveryPointChoice(String arn, String resourceType) {

  static RecoveryPointChoice of(ActionContext c, BackupSession backup) {
    String named = c.param("recoveryPointArn").orElseGet(() -> c.param("resourceArn").isPresent() ? null
        : (String) c.from().get("recoveryPointArn"));
    if (named != null) {
      DescribeRecoveryPointResponse point = backup.recoveryPoint(named);
      if (!"COMPLETED".equals(point.statusAsString())) {
        throw new ActionFailure("step " + c.stepId() + ": recovery point " + named + " is " + point.statusAsString()
            + ", not COMPLETED; name another one (with.recoveryPointArn) or restore the newest of a resource (with.resourceArn)");
      }
      return new RecoveryPointChoice(named, point.resourceType());
    }
    String resource = c.param("resourceArn").orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": restore needs a recovery "
        + "point: with.recoveryPointArn, `from:` an on-demand backup step, or with.resourceArn for that resource's newest one"));
    var newest = backup.newest(resource).orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": vault " + backup.vault()
        + " holds no completed recovery point of " + resource + "; check the backup plan, or take one with a snapshot step"));
    return new RecoveryPointChoice(newest.recoveryPointArn(), newest.resourceType());
  }
}
