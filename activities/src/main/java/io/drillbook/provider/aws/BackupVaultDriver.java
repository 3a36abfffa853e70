package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Progress;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;
import io.drillbook.provider.local.ParamValues;
import io.drillbook.provider.local.StepLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.backup.model.DescribeBackupJobResponse;
import software.amazon.awssdk.services.backup.model.DescribeRestoreJobResponse;

/**
 * The {@code aws/backup-vault} resource ({@code config.vaultName}): snapshot = an on-demand backup job of
 * {@code with.resourceArn} into the vault; restore = a restore job of a named recovery point, the from
 * step's, or the newest of a resource, started with an idempotency token derived from drill and step (a
 * retried step gets the same job), or a job an AWS Backup restore testing plan started ({@code
 * restoreJobId}); the RPO is the age of the recovery point used. verify checks the job and the recovery
 * point's age and, for a restore testing plan's job, reports the outcome back to AWS Backup
 * (PutRestoreValidationResult). delete removes what the restore created (an EBS volume, RDS DB instance or
 * Aurora DB cluster), tagged for this drill by the restore ({@link RestoredResource}).
 */
public final class BackupVaultDriver implements Snapshots, Restores, Verifies, Deletes {

  static final Duration JOB_TIMEOUT = Duration.ofHours(12);
  private static final Set<String> JOB_FAILED = Set.of("FAILED", "ABORTED", "ABORTING", "EXPIRED", "PARTIAL");

  private final AwsClients aws;

  public BackupVaultDriver(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceTypeSpec spec() {
    return AwsResourceTypes.BACKUP_VAULT;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> {
      BackupSession backup = session(c);
      String resourceArn = c.param("resourceArn").orElseThrow(() -> new ActionFailure("step " + c.stepId()
          + ": snapshot of a backup vault needs with.resourceArn, the resource the on-demand backup copies"));
      String jobId = resumedJob(c, "backup job").orElseGet(() -> backup.startBackup(resourceArn, role(c),
          AwsNames.clientToken(c, "backup-job"), DrillTags.forStep(c, null)));
      DescribeBackupJobResponse job = new StatusPoll(c, aws).until("backup job " + jobId, () -> Optional.of(backup.backupJob(jobId)),
          DescribeBackupJobResponse::stateAsString, Set.of("COMPLETED"), JOB_FAILED, JOB_TIMEOUT).orElseThrow();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("backupJobId", jobId);
      out.put("recoveryPointArn", job.recoveryPointArn());
      out.put("resourceArn", resourceArn);
      out.put("consistentAtMillis", job.creationDate().toEpochMilli());
      out.put("durationMillis", millisBetween(job.creationDate(), job.completionDate()));
      StepLog.of(BackupVaultDriver.class, c).info("backup job {} completed: {}", jobId, job.recoveryPointArn());
      return ActionResult.of(out);
    });
  }

  @Override
  public ActionResult restore(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "restore", c -> {
      BackupSession backup = session(c);
      long restoreStart = System.currentTimeMillis();
      List<String> observations = new ArrayList<>();
      String jobId = c.param("restoreJobId").or(() -> resumedJob(c, "restore job")).orElse(null);
      if (jobId == null) {
        RecoveryPointChoice point = RecoveryPointChoice.of(c, backup);
        Map<String, String> metadata = RestoreMetadata.forDrill(c, backup.restoreMetadata(point.arn()));
        jobId = backup.startRestore(point.arn(), metadata, role(c), point.resourceType(), AwsNames.clientToken(c, "restore-job"));
      }
      String id = jobId;
      DescribeRestoreJobResponse job = new StatusPoll(c, aws).until("restore job " + id, () -> Optional.of(backup.restoreJob(id)),
          DescribeRestoreJobResponse::statusAsString, Set.of("COMPLETED"), Set.of("FAILED", "ABORTED"), JOB_TIMEOUT).orElseThrow();
      String testingPlan = job.createdBy() == null ? null : job.createdBy().restoreTestingPlanArn();
      Instant pointCreated = job.recoveryPointCreationDate() != null ? job.recoveryPointCreationDate()
          : backup.recoveryPoint(job.recoveryPointArn()).creationDate();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("restoreJobId", id);
      out.put("recoveryPointArn", job.recoveryPointArn());
      out.put("recoveryPointCreatedAt", pointCreated.toString());
      out.put("createdResourceArn", job.createdResourceArn());
      out.put("resourceType", job.resourceType());
      long started = testingPlan == null ? restoreStart : job.creationDate().toEpochMilli();
      out.put("rpoMillis", Math.max(0, started - pointCreated.toEpochMilli()));
      out.put("rpoMeasuredBy", "age of recovery point " + job.recoveryPointArn() + " when the restore started");
      out.put("durationMillis", millisBetween(job.creationDate(), job.completionDate()));
      if (testingPlan != null) {
        // AWS Backup deletes what its restore testing plan restored; drillbook only validates it.
        out.put("restoreTestingPlanArn", testingPlan);
        observations.add("restore job " + id + " was started by restore testing plan " + testingPlan
            + "; AWS Backup removes the restored resource after the plan's retention");
      } else if (RestoredResource.tag(c, aws, job.createdResourceArn())) {
        out.put("createdResources", List.of(job.createdResourceArn()));
      } else {
        observations.add("the restored " + job.resourceType() + " " + job.createdResourceArn() + " could not be tagged by this build "
            + "(only EBS volumes, RDS DB instances and Aurora DB clusters are): delete it by hand once the drill is over");
      }
      StepLog.of(BackupVaultDriver.class, c).info("restore job {} completed: {}", id, job.createdResourceArn());
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> {
      BackupSession backup = session(c);
      Map<String, Object> from = c.from();
      List<String> problems = new ArrayList<>();
      Map<String, Object> out = new LinkedHashMap<>();
      Object restoreJobId = from.get("restoreJobId");
      String pointArn = ParamValues.required(from, "recoveryPointArn", c.stepId(), c.request().fromStepId());
      Instant pointCreated;
      if (restoreJobId != null) {
        DescribeRestoreJobResponse job = backup.restoreJob(restoreJobId.toString());
        if (!"COMPLETED".equals(job.statusAsString())) {
          problems.add("restore job " + restoreJobId + " is " + job.statusAsString() + ", not COMPLETED");
        }
        if (job.createdResourceArn() == null) {
          problems.add("restore job " + restoreJobId + " names no restored resource");
        }
        pointCreated = Instant.parse(ParamValues.required(from, "recoveryPointCreatedAt", c.stepId(), c.request().fromStepId()));
        out.put("restoreJobId", restoreJobId);
        out.put("createdResourceArn", job.createdResourceArn());
      } else {
        var point = backup.recoveryPoint(pointArn);
        if (!"COMPLETED".equals(point.statusAsString())) {
          problems.add("recovery point " + pointArn + " is " + point.statusAsString() + ", not COMPLETED");
        }
        pointCreated = point.creationDate();
      }
      long ageMillis = restoreJobId != null && from.get("rpoMillis") != null ? ParamValues.longValue(from.get("rpoMillis"))
          : Math.max(0, System.currentTimeMillis() - pointCreated.toEpochMilli());
      ParamValues.duration(c.with(), "maxAge", c.stepId()).ifPresent(max -> {
        if (ageMillis > max.toMillis()) {
          problems.add("recovery point " + pointArn + " was " + Duration.ofMillis(ageMillis).toMinutes() + " min old, more than maxAge "
              + max.toMinutes() + " min");
        }
      });
      out.put("recoveryPointArn", pointArn);
      out.put("recoveryPointAgeMillis", ageMillis);
      Object testingPlan = from.get("restoreTestingPlanArn");
      String verdict = problems.isEmpty() ? "drillbook drill " + c.drillId() + " step " + c.stepId() + ": restore verified"
          : "drillbook drill " + c.drillId() + " step " + c.stepId() + ": " + String.join("; ", problems);
      if (testingPlan != null && restoreJobId != null) {
        backup.reportValidation(restoreJobId.toString(), problems.isEmpty(), verdict);
        out.put("validationReportedTo", testingPlan);
      }
      if (!problems.isEmpty()) {
        throw new ActionFailure("step " + c.stepId() + ": " + String.join("; ", problems)
            + ". Look at the job in the AWS Backup console, then run the backup or restore again");
      }
      return ActionResult.of(out);
    });
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> {
      Map<String, Object> out = new LinkedHashMap<>();
      Object testingPlan = c.from().get("restoreTestingPlanArn");
      if (testingPlan != null) {
        out.put("deleted", List.of());
        out.put("leftTo", testingPlan);
        return new ActionResult(out, List.of("the restored resource belongs to restore testing plan " + testingPlan
            + ", which deletes it after its retention"));
      }
      String arn = ParamValues.required(c.from(), "createdResourceArn", c.stepId(), c.request().fromStepId());
      out.put("deleted", RestoredResource.delete(c, aws, arn));
      return ActionResult.of(out);
    });
  }

  /**
   * The job an earlier attempt of this step started and was waiting for, from its last heartbeat ("waiting for
   * restore job ID: STATUS", see {@link StatusPoll}): AWS Backup's idempotency tokens last one hour, and a
   * resumed restore may come later than that.
   */
  private static Optional<String> resumedJob(ActionContext c, String noun) {
    return c.heartbeat().previous(Progress.class).map(Progress::phase)
        .map(Pattern.compile("^waiting for " + Pattern.quote(noun) + " (\\S+): ")::matcher).filter(Matcher::find).map(m -> m.group(1));
  }

  private BackupSession session(ActionContext c) {
    AwsAccess access = AwsAccess.of(c);
    Object vault = c.config().get("vaultName");
    if (vault == null || vault.toString().isBlank()) {
      throw new ActionFailure("resource " + c.request().resourceName() + ": config.vaultName is missing");
    }
    return new BackupSession(aws.backup(access), c.stepId(), access.region(), vault.toString());
  }

  /** The role AWS Backup assumes for the job (its service role), named in the resource's config. */
  private static String role(ActionContext c) {
    Object role = c.config().get("backupRoleArn");
    if (role == null || role.toString().isBlank()) {
      throw new ActionFailure("resource " + c.request().resourceName() + ": config.backupRoleArn is missing: AWS Backup needs the role it "
          + "runs backup and restore jobs with, e.g. arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole");
    }
    return role.toString();
  }

  private static long millisBetween(Instant from, Instant to) {
    return from == null || to == null ? 0 : Math.max(0, to.toEpochMilli() - from.toEpochMilli());
  }
}
