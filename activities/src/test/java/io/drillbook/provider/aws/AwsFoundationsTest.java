package io.drillbook.provider.aws;

import static io.drillbook.provider.aws.AwsFake.RDS_NS;
import static io.drillbook.provider.aws.AwsFake.STS_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.Steps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/** The client factory, the error translator, names and the tag guard, against the Query/XML fake. */
class AwsFoundationsTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  @TempDir Path work;
  private AwsFake fake;
  private AwsClients aws;

  @BeforeEach
  void start() {
    fake = new AwsFake();
    aws = fake.clients(OPS.recorder());
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  private ActionContext ctx(String drill, String step, Map<String, Object> config) {
    return new Steps("aws", drill, work, "rds-instance", config).ctx(step, Action.SNAPSHOT, Map.of());
  }

  private static final Map<String, Object> CONFIG = Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr");

  private DescribeDbInstancesResponse describe(ActionContext ctx) {
    RdsClient rds = aws.rds(AwsAccess.of(ctx));
    return AwsCalls.call(ctx.stepId(), "rds:DescribeDBInstances", "DB instance prod-ehr",
        () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("prod-ehr")));
  }

  @Test
  void throttlingIsRetriedWithBackoffUntilAwsAnswers() {
    fake.throttledThen(RDS_NS, "DescribeDBInstances", 2, RdsXml.instances(RdsXml.instance("prod-ehr", "available")));
    DescribeDbInstancesResponse r = describe(ctx("drl-1", "snap", CONFIG));
    assertEquals("available", r.dbInstances().getFirst().dbInstanceStatus());
    assertEquals(3, fake.count("DescribeDBInstances"), "two throttled attempts, then the answer");
  }

  @Test
  void accessDeniedNamesTheMissingIamActionAndTheResource() {
    fake.accessDenied(RDS_NS, "DescribeDBInstances", "rds:DescribeDBInstances", "arn:aws:rds:eu-west-3:111122223333:db:prod-ehr");
    ActionFailure f = assertThrows(ActionFailure.class, () -> describe(ctx("drl-1", "snap", CONFIG)));
    assertTrue(f.getMessage().contains("lacks the IAM permission rds:DescribeDBInstances"), f.getMessage());
    assertTrue(f.getMessage().contains("DB instance prod-ehr"), f.getMessage());
    assertTrue(f.getMessage().contains("deploy/aws/drillbook-policy.json"), f.getMessage());
    assertEquals(1, fake.count("DescribeDBInstances"), "a denial is not retried");
  }

  @Test
  void quotaAndMissingResourcesAreExplainedNotRetried() {
    fake.error(RDS_NS, "DescribeDBInstances", 400, "SnapshotQuotaExceeded", "Cannot create more than 100 manual snapshots");
    ActionFailure quota = assertThrows(ActionFailure.class, () -> describe(ctx("drl-1", "snap", CONFIG)));
    assertTrue(quota.getMessage().contains("hit an AWS quota (SnapshotQuotaExceeded)"), quota.getMessage());
    assertTrue(!quota.isRetryable());

    fake.server.resetAll();
    fake.error(RDS_NS, "DescribeDBInstances", 404, "DBInstanceNotFound", "DBInstance prod-ehr not found.");
    ActionFailure missing = assertThrows(ActionFailure.class, () -> describe(ctx("drl-1", "snap", CONFIG)));
    assertTrue(missing.getMessage().contains("does not exist (DBInstanceNotFound)"), missing.getMessage());
  }

  @Test
  void aRoleInTheClientsAccountIsAssumedOnceWithItsExternalIdAndItsCredentialsSignTheCalls() {
    fake.stub(STS_NS, "AssumeRole", """
        <AssumedRoleUser><AssumedRoleId>AROATEST:drillbook</AssumedRoleId>\
        <Arn>arn:aws:sts::444455556666:assumed-role/drillbook-drills/drillbook</Arn></AssumedRoleUser>\
        <Credentials><AccessKeyId>ASIACLIENTROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>\
        <SessionToken>role-session-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>""");
    fake.stub(RDS_NS, "DescribeDBInstances", RdsXml.instances(RdsXml.instance("prod-ehr", "available")));
    Map<String, Object> config = Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
        "roleArn", "arn:aws:iam::444455556666:role/drillbook-drills", "externalId", "client-42");
    describe(ctx("drl-1", "snap", config));
    describe(ctx("drl-2", "snap", config));
    assertEquals(1, fake.count("AssumeRole"), "credentials are cached per role and region");
    String assume = fake.requests("AssumeRole").getFirst().getBodyAsString();
    assertTrue(assume.contains("ExternalId=client-42"), assume);
    assertTrue(assume.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fdrillbook-drills"), assume);
    assertTrue(fake.requests("AssumeRole").getFirst().getHeader("Authorization").contains("Credential=AKIDTESTWORKER/"));
    for (var r : fake.requests("DescribeDBInstances")) {
      assertTrue(r.getHeader("Authorization").contains("Credential=ASIACLIENTROLE/"), "signed with the assumed role's keys");
      assertEquals("role-session-token", r.getHeader("X-Amz-Security-Token"));
    }
  }

  @Test
  void namesAndTokensAreTheSameForEveryAttemptOfAStepAndValidForRds() {
    ActionContext a = ctx("drl-2026-11-29-0001", "restore-the-whole-production-database-with-a-long-step-name", CONFIG);
    ActionContext again = ctx("drl-2026-11-29-0001", "restore-the-whole-production-database-with-a-long-step-name", CONFIG);
    ActionContext other = ctx("drl-2026-11-29-0002", "restore-the-whole-production-database-with-a-long-step-name", CONFIG);
    String id = AwsNames.identifier(a, "drill-restore");
    assertEquals(id, AwsNames.identifier(again, "drill-restore"));
    assertNotEquals(id, AwsNames.identifier(other, "drill-restore"));
    assertTrue(id.matches("[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]"), id);
    assertEquals(AwsNames.clientToken(a, "volume"), AwsNames.clientToken(again, "volume"));
    assertNotEquals(AwsNames.clientToken(a, "volume"), AwsNames.clientToken(other, "volume"));
  }

  @Test
  void theGuardRefusesAnythingThisDrillDidNotTag() {
    ActionContext ctx = ctx("drl-7", "drop", CONFIG);
    Map<String, String> ours = DrillTags.forStep(ctx, null);
    DrillTags.requireOwned(ctx, ours, "DB instance drill-restore-x", "delete");
    ActionFailure production = assertThrows(ActionFailure.class, () -> DrillTags.requireOwned(ctx, Map.of("env", "prod"), "DB instance prod-ehr", "delete"));
    assertTrue(production.getMessage().contains("refusing to delete DB instance prod-ehr: it has no drillbook:drill-id tag"),
        production.getMessage());
    ActionFailure otherDrill = assertThrows(ActionFailure.class,
        () -> DrillTags.requireOwned(ctx, Map.of(DrillTags.DRILL_ID, "drl-6"), "DB instance drill-restore-y", "delete"));
    assertTrue(otherDrill.getMessage().contains("names drill drl-6, not this drill drl-7"), otherDrill.getMessage());
    assertEquals(List.of(DrillTags.DRILL_ID, DrillTags.TENANT, DrillTags.STEP_ID, DrillTags.EXPIRES_AT), List.copyOf(ours.keySet()));
  }
}
