package io.drillbook.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.drillbook.provider.aws.Ec2Fake.volume;
import static io.drillbook.provider.aws.Ec2Fake.volumeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.FakeHeartbeat;
import io.drillbook.provider.local.Steps;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws/backup-vault against WireMock stubs of the AWS Backup REST/JSON API (paths, bodies and epoch-second
 * timestamps as the API reference documents them), and of EC2 and RDS for what a restore created, with real
 * clients.
 */
class BackupVaultDriverTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  private static final String DRILL = "drl-bak-1";
  private static final Map<String, Object> CONFIG = Map.of("region", "eu-west-3", "vaultName", "client-vault",
      "backupRoleArn", "arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole");
  private static final String VOLUME_ARN = "arn:aws:ec2:eu-west-3:111122223333:volume/vol-0prod";
  private static final String POINT = "arn:aws:ec2:eu-west-3::snapshot/snap-0point";
  private static final String RESTORED = "arn:aws:ec2:eu-west-3:111122223333:volume/vol-0rest";
  private static final String TESTING_PLAN = "arn:aws:backup:eu-west-3:111122223333:restore-testing-plan:monthly-ebs-abc";

  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path work;
  private AwsFake fake;
  private Ec2Fake ec2;
  private AwsClients aws;
  private BackupVaultDriver driver;
  private Steps steps;
  private final Instant pointCreated = Instant.now().minus(Duration.ofHours(3));

  @BeforeEach
  void start() {
    fake = new AwsFake();
    ec2 = new Ec2Fake(fake);
    aws = fake.clients(OPS.recorder());
    driver = new BackupVaultDriver(aws);
    steps = new Steps("aws", DRILL, work, "backup-vault", CONFIG);
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  private static ResponseDefinitionBuilder ok(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  private static long epoch(Instant t) {
    return t.getEpochSecond();
  }

  /** One answer per call, the last repeating, on one GET path. */
  private void sequence(String path, List<String> bodies) {
    String scenario = path + UUID.randomUUID();
    for (int i = 0; i < bodies.size(); i++) {
      var m = get(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : scenario + i)
          .willReturn(ok(bodies.get(i)));
      fake.server.stubFor(i + 1 < bodies.size() ? m.willSetStateTo(scenario + (i + 1)) : m);
    }
  }

  private String restoreJob(String status, String createdBy, String resourceType, String created) {
    return "{\"RestoreJobId\":\"rj-1\",\"Status\":\"" + status + "\",\"RecoveryPointArn\":\"" + POINT + "\",\"ResourceType\":\""
        + resourceType + "\",\"CreationDate\":" + epoch(Instant.now()) + ",\"RecoveryPointCreationDate\":" + epoch(pointCreated)
        + ("COMPLETED".equals(status) ? ",\"CompletionDate\":" + epoch(Instant.now()) + ",\"CreatedResourceArn\":\"" + created + "\"" : "")
        + (createdBy == null ? "" : ",\"CreatedBy\":{\"RestoreTestingPlanArn\":\"" + createdBy + "\",\"RestoreTestingPlanVersion\":\"1\"}")
        + "}";
  }

  private void restoreSucceeds(String createdBy) {
    restoreSucceeds(createdBy, "EBS", RESTORED);
  }

  private void restoreSucceeds(String createdBy, String resourceType, String created) {
    fake.server.stubFor(put(urlPathEqualTo("/restore-jobs")).willReturn(ok("{\"RestoreJobId\":\"rj-1\"}")));
    sequence("/restore-jobs/rj-1", List.of(restoreJob("PENDING", createdBy, resourceType, created),
        restoreJob("RUNNING", createdBy, resourceType, created), restoreJob("COMPLETED", createdBy, resourceType, created)));
  }

  private void pointIsDescribed() {
    fake.server.stubFor(get(urlPathMatching("/backup-vaults/client-vault/recovery-points/[^/]+")).willReturn(ok(
        "{\"RecoveryPointArn\":\"" + POINT + "\",\"Status\":\"COMPLETED\",\"ResourceType\":\"EBS\",\"CreationDate\":" + epoch(pointCreated)
            + "}")));
    fake.server.stubFor(get(urlPathMatching("/backup-vaults/client-vault/recovery-points/.+/restore-metadata")).willReturn(ok(
        "{\"RecoveryPointArn\":\"" + POINT + "\",\"ResourceType\":\"EBS\",\"RestoreMetadata\":{\"volumeId\":\"vol-0prod\","
            + "\"availabilityZone\":\"eu-west-3a\",\"volumeType\":\"gp3\",\"volumeSize\":\"100\",\"encrypted\":\"true\"}}")));
  }

  private JsonNode body(LoggedRequest r) throws Exception {
    return json.readTree(r.getBodyAsString());
  }

  @Test
  void onDemandBackupThenRestoreOfItsRecoveryPointTaggedVerifiedAndDeleted() throws Exception {
    fake.server.stubFor(put(urlPathEqualTo("/backup-jobs")).willReturn(ok("{\"BackupJobId\":\"bj-1\",\"RecoveryPointArn\":\"" + POINT
        + "\",\"CreationDate\":" + epoch(pointCreated) + "}")));
    sequence("/backup-jobs/bj-1", List.of(
        "{\"BackupJobId\":\"bj-1\",\"State\":\"RUNNING\",\"CreationDate\":" + epoch(pointCreated) + "}",
        "{\"BackupJobId\":\"bj-1\",\"State\":\"COMPLETED\",\"RecoveryPointArn\":\"" + POINT + "\",\"CreationDate\":" + epoch(pointCreated)
            + ",\"CompletionDate\":" + epoch(pointCreated.plusSeconds(600)) + "}"));
    ActionResult snap = driver.snapshot(steps.ctx("backup", Action.SNAPSHOT, Map.of("resourceArn", VOLUME_ARN)));
    assertEquals(POINT, snap.outputs().get("recoveryPointArn"));
    assertEquals(600_000L, snap.outputs().get("durationMillis"));
    JsonNode started = body(fake.server.findAll(putRequestedFor(urlPathEqualTo("/backup-jobs"))).get(0));
    assertEquals("client-vault", started.get("BackupVaultName").asText());
    assertEquals(VOLUME_ARN, started.get("ResourceArn").asText());
    assertEquals(DRILL, started.get("RecoveryPointTags").get(DrillTags.DRILL_ID).asText());
    assertFalse(started.get("IdempotencyToken").asText().isBlank());

    pointIsDescribed();
    restoreSucceeds(null);
    ec2.stub("CreateTags", "<return>true</return>");
    ActionResult restored = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("target", "scratch"), "backup", snap.outputs()));
    assertEquals(RESTORED, restored.outputs().get("createdResourceArn"));
    assertEquals(List.of(RESTORED), restored.outputs().get("createdResources"));
    long rpo = ((Number) restored.outputs().get("rpoMillis")).longValue();
    assertTrue(rpo >= Duration.ofHours(3).toMillis() - 1000 && rpo < Duration.ofHours(4).toMillis(), "RPO = the point's age: " + rpo);
    JsonNode restoreRequest = body(fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs"))).get(0));
    assertEquals(POINT, restoreRequest.get("RecoveryPointArn").asText());
    assertEquals("eu-west-3a", restoreRequest.get("Metadata").get("availabilityZone").asText());
    assertEquals(CONFIG.get("backupRoleArn"), restoreRequest.get("IamRoleArn").asText());
    String tagged = fake.requests("CreateTags").get(0).getBodyAsString();
    assertTrue(tagged.contains("vol-0rest") && tagged.contains(Ec2Fake.field("Tag.1.Value", DRILL)), tagged);

    // A retried restore step sends the same idempotency token: AWS Backup answers the job it already started.
    driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("target", "scratch"), "backup", snap.outputs()));
    List<LoggedRequest> starts = fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs")));
    assertEquals(body(starts.get(0)).get("IdempotencyToken"), body(starts.get(1)).get("IdempotencyToken"));

    ActionResult verified = driver.verify(steps.ctx("check", Action.VERIFY, Map.of("maxAge", "4h"), "restore", restored.outputs()));
    assertEquals(RESTORED, verified.outputs().get("createdResourceArn"));
    assertEquals(0, fake.server.findAll(putRequestedFor(urlPathMatching("/restore-jobs/.*/validations"))).size(),
        "no restore testing plan, nothing to report back");

    Map<String, String> drillTags = Map.of(DrillTags.DRILL_ID, DRILL, DrillTags.STEP_ID, "restore");
    ec2.sequence("DescribeVolumes", List.of(volumeSet(volume("vol-0rest", "available", 100, "eu-west-3a", drillTags)), volumeSet()),
        "VolumeId.1=vol-0rest");
    ec2.stub("DeleteVolume", "<return>true</return>", "VolumeId=vol-0rest");
    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", restored.outputs()));
    assertEquals(List.of("vol-0rest"), deleted.outputs().get("deleted"));
  }

  @Test
  void restoresTheNewestCompletedRecoveryPointOfAResourceUnderADrillName() throws Exception {
    Instant older = pointCreated.minus(Duration.ofDays(1));
    String rds = "arn:aws:rds:eu-west-3:111122223333:db:prod-ehr";
    fake.server.stubFor(get(urlPathEqualTo("/backup-vaults/client-vault/recovery-points/")).willReturn(ok("{\"RecoveryPoints\":["
        + "{\"RecoveryPointArn\":\"rp-old\",\"Status\":\"COMPLETED\",\"ResourceType\":\"RDS\",\"CreationDate\":" + epoch(older) + "},"
        + "{\"RecoveryPointArn\":\"rp-new\",\"Status\":\"COMPLETED\",\"ResourceType\":\"RDS\",\"CreationDate\":" + epoch(pointCreated) + "},"
        + "{\"RecoveryPointArn\":\"rp-running\",\"Status\":\"CREATING\",\"ResourceType\":\"RDS\",\"CreationDate\":" + epoch(Instant.now())
        + "}]}")));
    fake.server.stubFor(get(urlPathMatching("/backup-vaults/client-vault/recovery-points/rp-new/restore-metadata")).willReturn(ok(
        "{\"RecoveryPointArn\":\"rp-new\",\"ResourceType\":\"RDS\",\"RestoreMetadata\":{\"DBInstanceIdentifier\":\"prod-ehr\","
            + "\"DBInstanceClass\":\"db.t4g.medium\"}}")));
    restoreSucceeds(null);
    ec2.stub("CreateTags", "<return>true</return>");
    ActionResult restored = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("resourceArn", rds)));
    JsonNode sent = body(fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs"))).get(0));
    assertEquals("rp-new", sent.get("RecoveryPointArn").asText());
    assertEquals("RDS", sent.get("ResourceType").asText());
    assertTrue(sent.get("Metadata").get("DBInstanceIdentifier").asText().startsWith("drill-restore-restore-"),
        "never the production identifier: " + sent.get("Metadata"));
    assertTrue(fake.server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo("/backup-vaults/client-vault/recovery-points/"))).get(0).getUrl().contains("resourceArn="));
    assertTrue(restored.outputs().containsKey("rpoMillis"));
  }

  @Test
  void aRestoreTestingPlansJobGetsTheVerifyOutcomeReportedBack() throws Exception {
    restoreSucceeds(TESTING_PLAN);
    fake.server.stubFor(put(urlPathEqualTo("/restore-jobs/rj-1/validations")).willReturn(ok("{}")));
    ActionResult adopted = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("restoreJobId", "rj-1")));
    assertEquals(TESTING_PLAN, adopted.outputs().get("restoreTestingPlanArn"));
    assertEquals(0, fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs"))).size(), "the plan's job, not a new one");

    driver.verify(steps.ctx("check", Action.VERIFY, Map.of("maxAge", "4h"), "restore", adopted.outputs()));
    ActionContext strict = steps.ctx("check", Action.VERIFY, Map.of("maxAge", "1h"), "restore", adopted.outputs());
    ActionFailure tooOld = assertThrows(ActionFailure.class, () -> driver.verify(strict));
    assertTrue(tooOld.getMessage().contains("more than maxAge 60 min"), tooOld.getMessage());
    List<LoggedRequest> reports = fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs/rj-1/validations")));
    assertEquals("SUCCESSFUL", body(reports.get(0)).get("ValidationStatus").asText());
    assertEquals("FAILED", body(reports.get(1)).get("ValidationStatus").asText());
    assertTrue(body(reports.get(1)).get("ValidationStatusMessage").asText().contains("more than maxAge"));

    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", adopted.outputs()));
    assertEquals(TESTING_PLAN, deleted.outputs().get("leftTo"));
  }

  @Test
  void aRestoreResumedAfterTheWorkerDiedWaitsForTheSameJobAndStartsNoSecond() throws Exception {
    restoreSucceeds(null);
    ec2.stub("CreateTags", "<return>true</return>");
    // The earlier attempt's last heartbeat, as Temporal hands it to the next attempt (an idempotency token lasts one hour only).
    FakeHeartbeat previous = new FakeHeartbeat(new Progress("waiting for restore job rj-1: RUNNING", 0, 12, 0, 3_600_000));
    ActionResult resumed = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("recoveryPointArn", POINT), null, null, previous));
    assertEquals("rj-1", resumed.outputs().get("restoreJobId"));
    assertEquals(0, fake.server.findAll(putRequestedFor(urlPathEqualTo("/restore-jobs"))).size(), "no second restore job");
  }

  @Test
  void accessDeniedNamesTheIamAction() {
    pointIsDescribed();
    fake.server.stubFor(put(urlPathEqualTo("/restore-jobs")).willReturn(aResponse().withStatus(403)
        .withHeader("x-amzn-ErrorType", "AccessDeniedException").withHeader("Content-Type", "application/json")
        .withBody("{\"Message\":\"User is not authorized to perform: backup:StartRestoreJob\"}")));
    ActionContext ctx = steps.ctx("restore", Action.RESTORE, Map.of("recoveryPointArn", POINT));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.restore(ctx));
    assertTrue(f.getMessage().contains("lacks the IAM permission backup:StartRestoreJob"), f.getMessage());
  }

  /** Restores job rj-1 of {@code resourceType} that created {@code arn}; asserts drillbook tagged it for the drill. */
  private ActionResult restoredAndTagged(String resourceType, String arn) throws Exception {
    restoreSucceeds(null, resourceType, arn);
    fake.stub(AwsFake.RDS_NS, "AddTagsToResource", null);
    ActionResult restored = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of("restoreJobId", "rj-1")));
    assertEquals(List.of(arn), restored.outputs().get("createdResources"));
    assertTrue(restored.observations().isEmpty(), restored.observations().toString());
    String tagged = URLDecoder.decode(fake.requests("AddTagsToResource").get(0).getBodyAsString(), StandardCharsets.UTF_8);
    assertTrue(tagged.contains("ResourceName=" + arn) && tagged.contains("Key=" + DrillTags.DRILL_ID) && tagged.contains("Value=" + DRILL),
        tagged);
    return restored;
  }

  @Test
  void anRdsInstanceRestoredByAwsBackupIsTaggedAndDeletedByItsDrillOnly() throws Exception {
    String id = "drill-restore-restore-1a2b";
    ActionResult restored = restoredAndTagged("RDS", "arn:aws:rds:eu-west-3:111122223333:db:" + id);
    Map<String, String> drillTags = Map.of(DrillTags.DRILL_ID, DRILL, DrillTags.STEP_ID, "restore");
    fake.resource(AwsFake.RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + id, "DBInstanceNotFound")
        .exists(List.of(RdsXml.instances(RdsXml.instance(id, "available", "postgres", "127.0.0.1", 5432, false, drillTags))))
        .deletedBy("DeleteDBInstance", RdsXml.instance(id, "deleting"),
            List.of(RdsXml.instances(RdsXml.instance(id, "deleting", "postgres", null, 0, false, drillTags))));

    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", restored.outputs()));
    assertEquals(List.of(id), deleted.outputs().get("deleted"));
    String sent = fake.requests("DeleteDBInstance").get(0).getBodyAsString();
    assertTrue(sent.contains("SkipFinalSnapshot=true"), sent);

    // A production instance named by a forged or mistaken output is never deleted: it lacks the drill's tag.
    fake.stub(AwsFake.RDS_NS, "DescribeDBInstances", RdsXml.instances(RdsXml.instance("prod-ehr", "available")));
    ActionContext forged = steps.ctx("cleanup", Action.DELETE, Map.of(), "restore",
        Map.of("createdResourceArn", "arn:aws:rds:eu-west-3:111122223333:db:prod-ehr"));
    ActionFailure refused = assertThrows(ActionFailure.class, () -> driver.delete(forged));
    assertTrue(refused.getMessage().contains("refusing to delete DB instance prod-ehr"), refused.getMessage());
    assertEquals(1, fake.count("DeleteDBInstance"));
  }

  @Test
  void anAuroraClusterRestoredByAwsBackupIsTaggedAndDeleted() throws Exception {
    String id = "drill-restore-restore-3c4d";
    ActionResult restored = restoredAndTagged("Aurora", "arn:aws:rds:eu-west-3:111122223333:cluster:" + id);
    Map<String, String> drillTags = Map.of(DrillTags.DRILL_ID, DRILL);
    // AWS Backup restores an Aurora cluster without instances.
    fake.resource(AwsFake.RDS_NS, "DescribeDBClusters", "DBClusterIdentifier=" + id, "DBClusterNotFoundFault")
        .exists(List.of(RdsXml.clusters(RdsXml.cluster(id, "available", "127.0.0.1", 5432, drillTags))))
        .deletedBy("DeleteDBCluster", RdsXml.cluster(id, "deleting", null, 0, drillTags),
            List.of(RdsXml.clusters(RdsXml.cluster(id, "deleting", null, 0, drillTags))));

    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", restored.outputs()));
    assertEquals(List.of(id), deleted.outputs().get("deleted"));
    assertEquals(1, fake.count("DeleteDBCluster"));
    assertEquals(0, fake.count("DeleteDBInstance"));
  }

  @Test
  void deleteRefusesARestoredVolumeWithoutTheDrillsTag() {
    ec2.stub("DescribeVolumes", volumeSet(volume("vol-0rest", "available", 100, "eu-west-3a", Map.of("env", "prod"))));
    ActionContext ctx = steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", Map.of("createdResourceArn", RESTORED));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.delete(ctx));
    assertTrue(f.getMessage().contains("refusing to delete volume vol-0rest"), f.getMessage());
    assertEquals(0, fake.count("DeleteVolume"));
  }
}
