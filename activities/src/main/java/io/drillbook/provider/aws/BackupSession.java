package io.drillbook.provider.aws;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.DescribeBackupJobResponse;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointResponse;
import software.amazon.awssdk.services.backup.model.DescribeRestoreJobResponse;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.backup.model.RestoreValidationStatus;

/**
 * The AWS Backup calls of the {@code backup-vault} driver, each through {@link AwsCalls} so a refusal names
 * the IAM action and the vault, job or recovery point.
 */
record BackupSession(BackupClient backup, String stepId, String region, String vault) {

  /** {@code token} makes a retried call refer to the job the first call started. */
  String startBackup(String resourceArn, String roleArn, String token, Map<String, String> tags) {
    return call("backup:StartBackupJob", "resource " + resourceArn + " into vault " + vault, () -> backup.startBackupJob(r -> r
        .backupVaultName(vault).resourceArn(resourceArn).iamRoleArn(roleArn).idempotencyToken(token).recoveryPointTags(tags)))
        .backupJobId();
  }

  DescribeBackupJobResponse backupJob(String jobId) {
    return call("backup:DescribeBackupJob", "backup job " + jobId, () -> backup.describeBackupJob(r -> r.backupJobId(jobId)));
  }

  DescribeRecoveryPointResponse recoveryPoint(String arn) {
    return call("backup:DescribeRecoveryPoint", "recovery point " + arn + " in vault " + vault,
        () -> backup.describeRecoveryPoint(r -> r.backupVaultName(vault).recoveryPointArn(arn)));
  }

  /** The newest completed recovery point of {@code resourceArn} in the vault. */
  Optional<RecoveryPointByBackupVault> newest(String resourceArn) {
    return call("backup:ListRecoveryPointsByBackupVault", "vault " + vault, () -> backup
        .listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault).byResourceArn(resourceArn)).recoveryPoints().stream()
        .filter(p -> "COMPLETED".equals(p.statusAsString()))
        .max(Comparator.comparing(RecoveryPointByBackupVault::creationDate)));
  }

  Map<String, String> restoreMetadata(String recoveryPointArn) {
    return call("backup:GetRecoveryPointRestoreMetadata", "recovery point " + recoveryPointArn,
        () -> backup.getRecoveryPointRestoreMetadata(r -> r.backupVaultName(vault).recoveryPointArn(recoveryPointArn)).restoreMetadata());
  }

  /** {@code token} makes a retried call answer the job the first call started instead of a second restore. */
  String startRestore(String recoveryPointArn, Map<String, String> metadata, String roleArn, String resourceType, String token) {
    return call("backup:StartRestoreJob", "recovery point " + recoveryPointArn, () -> backup.startRestoreJob(r -> r
        .recoveryPointArn(recoveryPointArn).metadata(metadata).iamRoleArn(roleArn).resourceType(resourceType).idempotencyToken(token)))
        .restoreJobId();
  }

  DescribeRestoreJobResponse restoreJob(String jobId) {
    return call("backup:DescribeRestoreJob", "restore job " + jobId, () -> backup.describeRestoreJob(r -> r.restoreJobId(jobId)));
  }

  void reportValidation(String jobId, boolean passed, String message) {
    call("backup:PutRestoreValidationResult", "restore job " + jobId, () -> backup.putRestoreValidationResult(r -> r.restoreJobId(jobId)
        .validationStatus(passed ? RestoreValidationStatus.SUCCESSFUL : RestoreValidationStatus.FAILED).validationStatusMessage(message)));
  }

  private <T> T call(String iamAction, String what, Supplier<T> call) {
    return AwsCalls.call(stepId, iamAction, what + " in " + region, call);
  }
}
