package io.drillbook.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drillbook.plan.Action;
import io.drillbook.provider.SecretReferences;
import io.drillbook.provider.local.Steps;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rds-instance drill against a real sandbox account: only with {@code -Paws-live} (excluded from every
 * other build), with the worker's real credentials (default chain) and a sandbox instance named in the
 * environment. It snapshots, restores, verifies and deletes for real (about 30 min, and what RDS bills for
 * a small instance for that long); the cleanup runs even when a step fails. See docs/providers/aws.md.
 *
 * <pre>
 * DRILLBOOK_LIVE_REGION=eu-west-3 DRILLBOOK_LIVE_RDS_INSTANCE=drillbook-sandbox DRILLBOOK_LIVE_DATABASE=ehr \
 * DRILLBOOK_LIVE_USER=drillbook_verify DRILLBOOK_LIVE_CREDENTIALS_REF=env:SANDBOX_DB_PASSWORD \
 * [DRILLBOOK_LIVE_ROLE_ARN=... DRILLBOOK_LIVE_EXTERNAL_ID=... DRILLBOOK_LIVE_SUBNET_GROUP=... DRILLBOOK_LIVE_SECURITY_GROUP=sg-...] \
 * mvn -B -pl activities -am test -Paws-live -Dtest=RdsLiveSandboxTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("aws-live")
class RdsLiveSandboxTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  @TempDir Path work;

  @Test
  void snapshotRestoreVerifyAndDeleteInTheSandbox() throws Exception {
    Map<String, String> env = System.getenv();
    assumeTrue(env.get("DRILLBOOK_LIVE_RDS_INSTANCE") != null, "DRILLBOOK_LIVE_RDS_INSTANCE names no sandbox instance");
    Map<String, Object> config = new HashMap<>(Map.of("region", env.get("DRILLBOOK_LIVE_REGION"),
        "dbInstanceIdentifier", env.get("DRILLBOOK_LIVE_RDS_INSTANCE"), "database", env.get("DRILLBOOK_LIVE_DATABASE"),
        "user", env.get("DRILLBOOK_LIVE_USER")));
    String ref = env.get("DRILLBOOK_LIVE_CREDENTIALS_REF");
    if (ref != null) {
      config.put("credentialsRef", ref);
    }
    if (env.get("DRILLBOOK_LIVE_ROLE_ARN") != null) {
      config.put("roleArn", env.get("DRILLBOOK_LIVE_ROLE_ARN"));
      config.put("externalId", env.get("DRILLBOOK_LIVE_EXTERNAL_ID"));
    }
    Map<String, Object> network = new HashMap<>(Map.of("keepFor", "2h"));
    if (env.get("DRILLBOOK_LIVE_SUBNET_GROUP") != null) {
      network.put("subnetGroup", env.get("DRILLBOOK_LIVE_SUBNET_GROUP"));
    }
    if (env.get("DRILLBOOK_LIVE_SECURITY_GROUP") != null) {
      network.put("vpcSecurityGroupIds", List.of(env.get("DRILLBOOK_LIVE_SECURITY_GROUP")));
    }
    Steps s = new Steps("aws", "drl-live-" + System.currentTimeMillis(), work, "rds-instance", config);
    if (ref != null) {
      s.secrets = Map.of(ref, new SecretReferences(env).resolve(ref).orElseThrow());
    }
    OperationRecorder recorder = OPS.recorder();
    try (AwsClients aws = new AwsClients(env, () -> software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build(),
        List.of(recorder))) {
      RdsInstanceDriver driver = new RdsInstanceDriver(aws);
      Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
      try {
        Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, network, "snapshot", snap)).outputs();
        try {
          Map<String, Object> verified = driver.verify(s.ctx("verify", Action.VERIFY,
              Map.of("rowCounts", Map.of("tolerance", Long.parseLong(env.getOrDefault("DRILLBOOK_LIVE_ROW_TOLERANCE", "0")))),
              "restore", restored)).outputs();
          assertEquals(((Map<?, ?>) snap.get("rowCounts")).keySet(), ((Map<?, ?>) verified.get("rowCounts")).keySet());
        } finally {
          driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", restored));
        }
      } finally {
        driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
      }
    }
    assertTrue(recorder.actions().contains("rds:RestoreDBInstanceFromDBSnapshot"), recorder.actions().toString());
  }
}
