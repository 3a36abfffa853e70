package io.drillbook.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drillbook.plan.Action;
import io.drillbook.provider.local.Steps;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The ebs-volume, s3-bucket and backup-vault drills against a real sandbox account: only with
 * {@code -Paws-live} (excluded from every other build), with the worker's real credentials (default chain)
 * and sandbox resources named in the environment; each test runs only when its resource is named, and
 * deletes what it created in {@code finally} blocks. See docs/providers/aws.md.
 *
 * <pre>
 * DRILLBOOK_LIVE_REGION=eu-west-3 [DRILLBOOK_LIVE_ROLE_ARN=... DRILLBOOK_LIVE_EXTERNAL_ID=...]
 * DRILLBOOK_LIVE_EBS_VOLUME=vol-…                                   # a small sandbox volume
 * DRILLBOOK_LIVE_S3_BUCKET=… [DRILLBOOK_LIVE_S3_PREFIX=…] DRILLBOOK_LIVE_S3_DESTINATION=s3://other-bucket/prefix
 * DRILLBOOK_LIVE_BACKUP_VAULT=… DRILLBOOK_LIVE_BACKUP_ROLE_ARN=arn:aws:iam::…:role/service-role/AWSBackupDefaultServiceRole \
 *   DRILLBOOK_LIVE_BACKUP_RESOURCE=arn:aws:ec2:…:volume/vol-…        # an EBS volume the vault holds recovery points of
 * mvn -B -pl activities -am test -Paws-live -Dtest=StorageLiveSandboxTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("aws-live")
class StorageLiveSandboxTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  private final Map<String, String> env = System.getenv();
  @TempDir Path work;

  private Map<String, Object> config(String... keyValues) {
    Map<String, Object> config = new HashMap<>();
    config.put("region", env.get("DRILLBOOK_LIVE_REGION"));
    if (env.get("DRILLBOOK_LIVE_ROLE_ARN") != null) {
      config.put("roleArn", env.get("DRILLBOOK_LIVE_ROLE_ARN"));
      config.put("externalId", env.get("DRILLBOOK_LIVE_EXTERNAL_ID"));
    }
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        config.put(keyValues[i], keyValues[i + 1]);
      }
    }
    return config;
  }

  private AwsClients realClients() {
    return new AwsClients(env, () -> DefaultCredentialsProvider.builder().build(), List.of(OPS.recorder()));
  }

  @Test
  void ebsSnapshotRestoreVerifyDelete() throws Exception {
    assumeTrue(env.get("DRILLBOOK_LIVE_EBS_VOLUME") != null, "DRILLBOOK_LIVE_EBS_VOLUME names no sandbox volume");
    Steps s = new Steps("aws", "drl-live-" + System.currentTimeMillis(), work, "ebs-volume",
        config("volumeId", env.get("DRILLBOOK_LIVE_EBS_VOLUME")));
    try (AwsClients aws = realClients()) {
      EbsVolumeDriver driver = new EbsVolumeDriver(aws);
      Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
      try {
        Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of("keepFor", "2h"), "snapshot", snap)).outputs();
        try {
          driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "restore", restored));
        } finally {
          driver.delete(s.ctx("drop-volume", Action.DELETE, Map.of(), "restore", restored));
        }
      } finally {
        driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
      }
    }
  }

  @Test
  void s3SnapshotExportVerifyDelete() throws Exception {
    assumeTrue(env.get("DRILLBOOK_LIVE_S3_BUCKET") != null && env.get("DRILLBOOK_LIVE_S3_DESTINATION") != null,
        "DRILLBOOK_LIVE_S3_BUCKET and DRILLBOOK_LIVE_S3_DESTINATION name no sandbox buckets");
    Steps s = new Steps("aws", "drl-live-" + System.currentTimeMillis(), work, "s3-bucket",
        config("bucket", env.get("DRILLBOOK_LIVE_S3_BUCKET"), "prefix", env.get("DRILLBOOK_LIVE_S3_PREFIX")));
    try (AwsClients aws = realClients()) {
      S3BucketDriver driver = new S3BucketDriver(aws);
      Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
      Map<String, Object> exported = driver.export(s.ctx("export", Action.EXPORT,
          Map.of("destination", env.get("DRILLBOOK_LIVE_S3_DESTINATION")), "snapshot", snap)).outputs();
      try {
        Map<String, Object> verified = driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "export", exported)).outputs();
        assertEquals(snap.get("objectCount"), verified.get("filesChecked"));
      } finally {
        driver.delete(s.ctx("drop-export", Action.DELETE, Map.of(), "export", exported));
      }
    }
  }

  @Test
  void backupRestoreOfTheNewestRecoveryPointVerifyDelete() throws Exception {
    assumeTrue(env.get("DRILLBOOK_LIVE_BACKUP_VAULT") != null, "DRILLBOOK_LIVE_BACKUP_VAULT names no sandbox vault");
    Steps s = new Steps("aws", "drl-live-" + System.currentTimeMillis(), work, "backup-vault",
        config("vaultName", env.get("DRILLBOOK_LIVE_BACKUP_VAULT"), "backupRoleArn", env.get("DRILLBOOK_LIVE_BACKUP_ROLE_ARN")));
    try (AwsClients aws = realClients()) {
      BackupVaultDriver driver = new BackupVaultDriver(aws);
      Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE,
          Map.of("resourceArn", env.get("DRILLBOOK_LIVE_BACKUP_RESOURCE"), "keepFor", "2h"))).outputs();
      try {
        driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "restore", restored));
      } finally {
        driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", restored));
      }
    }
  }
}
