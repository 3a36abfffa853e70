package io.drillbook.provider.catalog;

import static io.drillbook.provider.ParamSpec.listOf;
import static io.drillbook.provider.ParamSpec.oneOf;
import static io.drillbook.provider.ParamSpec.optional;
import static io.drillbook.provider.ParamSpec.required;
import static io.drillbook.provider.catalog.CloudParams.DATABASE_ACCESS;
import static io.drillbook.provider.catalog.CloudParams.EXPORT_DESTINATION;
import static io.drillbook.provider.catalog.CloudParams.KEEP_FOR;
import static io.drillbook.provider.catalog.CloudParams.SCRATCH_TARGET;
import static io.drillbook.provider.catalog.CloudParams.SQL_VERIFY;
import static io.drillbook.provider.catalog.CloudParams.concat;
import static io.drillbook.provider.catalog.LocalResourceTypes.actions;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionSpec;
import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.List;

/**
 * The {@code aws} provider's resource types (DESIGN.md "Providers"). Every type is regional and reached
 * through an assumed role when {@code roleArn} is set (the MSP's account assuming a role in the client's).
 * All five are carried out by the drivers in {@code io.drillbook.provider.aws} (docs/providers/aws.md).
 */
public final class AwsResourceTypes {

  private AwsResourceTypes() {}

  private static final List<ParamSpec> ACCESS = List.of(
      CloudParams.REGION,
      optional("roleArn", ParamType.STRING, "IAM role to assume in the client's account (default: the worker's own credentials)")
          .withPrefixes("arn:aws:iam::"),
      optional("externalId", ParamType.STRING, "external id the role's trust policy requires (not a secret)"));

  private static final ParamSpec RESTORE_SOURCE = oneOf("source", "snapshot",
      "snapshot: the from step's snapshot (or the latest automated one); latest-restorable-time: point-in-time restore",
      "snapshot", "latest-restorable-time");

  private static final ParamSpec INSTANCE_CLASS =
      optional("instanceClass", ParamType.STRING, "instance class of the scratch copy, e.g. db.t4g.medium (default: the source's)");

  private static final ParamSpec S3_EXPORT = required("destination", ParamType.STRING,
          "s3://bucket/prefix the snapshot is exported to (Apache Parquet)")
      .withPrefixes("s3://");

  private static final ParamSpec EXPORT_ROLE = required("iamRoleArn", ParamType.STRING,
          "role RDS assumes to write the export to the bucket (its name must start with drillbook-, see deploy/aws)")
      .withPrefixes("arn:aws:iam::");

  private static final ParamSpec EXPORT_KEY = required("kmsKeyId", ParamType.STRING,
      "KMS key (ARN or alias ARN) that encrypts the exported files");

  private static final ParamSpec SUBNET_GROUP =
      optional("subnetGroup", ParamType.STRING, "DB subnet group of the scratch copy, isolated from production (default: the source's)");

  private static final ParamSpec SECURITY_GROUPS = listOf("vpcSecurityGroupIds", optional("id", ParamType.STRING, "sg-…"),
      "VPC security groups of the scratch copy (default: the source's)");

  private static final ParamSpec CANARY_INTERVAL =
      optional("canaryInterval", ParamType.DURATION, "how often the canary writer writes (default 100ms)");

  public static final ResourceTypeSpec EBS_VOLUME = new ResourceTypeSpec(
      "aws",
      "ebs-volume",
      concat(ACCESS, List.of(required("volumeId", ParamType.STRING, "the volume, vol-…").withPrefixes("vol-"))),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE,
              SCRATCH_TARGET,
              optional("availabilityZone", ParamType.STRING, "zone of the scratch volume (default: the source's)"),
              oneOf("volumeType", "gp3", "type of the scratch volume", "gp3", "gp2", "io1", "io2", "st1", "sc1"),
              KEEP_FOR),
          ActionSpec.of(Action.VERIFY),
          ActionSpec.of(Action.DELETE)),
      true,
      true);

  public static final ResourceTypeSpec RDS_INSTANCE = new ResourceTypeSpec(
      "aws",
      "rds-instance",
      concat(ACCESS, List.of(required("dbInstanceIdentifier", ParamType.STRING, "the DB instance identifier")), DATABASE_ACCESS),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE, SCRATCH_TARGET, RESTORE_SOURCE, INSTANCE_CLASS, SUBNET_GROUP, SECURITY_GROUPS, KEEP_FOR),
          new ActionSpec(Action.VERIFY, SQL_VERIFY, false, null, null),
          ActionSpec.creatingWhen(Action.FAILOVER, "standby", "scratch",
              oneOf("standby", "scratch", "scratch: a read replica created for the drill, then promoted; multi-az: "
                  + "reboot with failover to the Multi-AZ standby (touches production)", "scratch", "multi-az"),
              INSTANCE_CLASS, SUBNET_GROUP, SECURITY_GROUPS, KEEP_FOR, CANARY_INTERVAL),
          ActionSpec.creating(Action.EXPORT, S3_EXPORT, EXPORT_ROLE, EXPORT_KEY),
          ActionSpec.of(Action.DELETE)),
      true,
      true);

  public static final ResourceTypeSpec AURORA_CLUSTER = new ResourceTypeSpec(
      "aws",
      "aurora-cluster",
      concat(ACCESS, List.of(required("dbClusterIdentifier", ParamType.STRING, "the DB cluster identifier")), DATABASE_ACCESS),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.creating(Action.RESTORE, SCRATCH_TARGET, RESTORE_SOURCE, INSTANCE_CLASS, SUBNET_GROUP, SECURITY_GROUPS, KEEP_FOR),
          new ActionSpec(Action.VERIFY, SQL_VERIFY, false, null, null),
          ActionSpec.of(Action.FAILOVER,
              optional("targetInstance", ParamType.STRING, "the reader to promote (default: Aurora's choice)"), CANARY_INTERVAL),
          ActionSpec.of(Action.FAILBACK,
              optional("targetInstance", ParamType.STRING, "the instance to make writer again (default: the former writer)"),
              CANARY_INTERVAL),
          ActionSpec.creating(Action.EXPORT, S3_EXPORT, EXPORT_ROLE, EXPORT_KEY),
          ActionSpec.of(Action.DELETE)),
      true,
      true);

  public static final ResourceTypeSpec BACKUP_VAULT = new ResourceTypeSpec(
      "aws",
      "backup-vault",
      concat(ACCESS, List.of(required("vaultName", ParamType.STRING, "the AWS Backup vault"),
          optional("backupRoleArn", ParamType.STRING, "role AWS Backup runs the drill's backup and restore jobs with, e.g. its "
              + "AWSBackupDefaultServiceRole (needed by snapshot and restore)").withPrefixes("arn:aws:iam::"))),
      actions(
          ActionSpec.of(Action.SNAPSHOT,
              required("resourceArn", ParamType.STRING, "the resource an on-demand backup job copies into the vault")
                  .withPrefixes("arn:aws:")),
          ActionSpec.creating(Action.RESTORE,
              SCRATCH_TARGET,
              optional("resourceArn", ParamType.STRING, "restore the latest recovery point of this resource "
                  + "(default: the from step's recovery point)").withPrefixes("arn:aws:"),
              optional("recoveryPointArn", ParamType.STRING, "restore this recovery point of the vault"),
              optional("restoreJobId", ParamType.STRING, "adopt this restore job of an AWS Backup restore testing plan instead of "
                  + "starting one; verify then reports its outcome back to AWS Backup"),
              KEEP_FOR),
          ActionSpec.of(Action.VERIFY,
              optional("maxAge", ParamType.DURATION, "fail when the newest recovery point is older than this (e.g. the plan's RPO)")),
          ActionSpec.of(Action.DELETE)),
      true,
      true);

  public static final ResourceTypeSpec S3_BUCKET = new ResourceTypeSpec(
      "aws",
      "s3-bucket",
      concat(ACCESS, List.of(
          required("bucket", ParamType.STRING, "the bucket name"),
          optional("prefix", ParamType.STRING, "only objects under this key prefix"))),
      actions(
          ActionSpec.of(Action.SNAPSHOT),
          ActionSpec.of(Action.VERIFY),
          ActionSpec.creating(Action.EXPORT, EXPORT_DESTINATION),
          ActionSpec.of(Action.DELETE)),
      true,
      true);

  public static final List<ResourceTypeSpec> ALL = List.of(EBS_VOLUME, RDS_INSTANCE, AURORA_CLUSTER, BACKUP_VAULT, S3_BUCKET);
}
