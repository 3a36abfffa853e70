package io.drillbook.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static io.drillbook.provider.aws.AwsFake.RDS_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.CanaryWriter;
import io.drillbook.provider.local.FakeHeartbeat;
import io.drillbook.provider.local.PgEndpoint;
import io.drillbook.provider.local.SqlDialect;
import io.drillbook.provider.local.Steps;
import io.drillbook.provider.local.StreamingPair;
import io.drillbook.provider.local.TestSourceCluster;
import io.drillbook.testing.MariaDbTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code aws/rds-instance} with real SDK clients against the RDS Query/XML fake, whose "production" and
 * "restored" instances have endpoints on real PostgreSQL clusters of this machine: the snapshot counts real
 * rows, verify runs the local provider's real checks on the restored database, as a password user.
 */
class RdsInstanceDriverTest extends RdsFakeTest {

  private RdsInstanceDriver driver;

  @Override
  void useClients(AwsClients clients) {
    driver = new RdsInstanceDriver(clients);
  }

  /** The resource as a plan declares it: verify and snapshot connect as a password user (credentialsRef). */
  private Steps steps(String drill) {
    Steps s = new Steps("aws", drill, work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
        "database", "ehr", "user", TestSourceCluster.SECRET_USER, "credentialsRef", "env:EHR_PASSWORD"));
    s.secrets = Map.of("env:EHR_PASSWORD", TestSourceCluster.SECRET_PASSWORD);
    return s;
  }

  private void production(String engine, boolean multiAz, Map<String, String> tags, int port) {
    fake.server.stubFor(AwsFake.action("DescribeDBInstances").withRequestBody(matching("(.*&)?DBInstanceIdentifier=prod-ehr(&.*)?"))
        .willReturn(AwsFake.xml(200, AwsFake.answer(RDS_NS, "DescribeDBInstances",
            RdsXml.instances(RdsXml.instance("prod-ehr", "available", engine, "127.0.0.1", port, multiAz, tags))))));
  }

  private String snapshotLifecycle(ActionContext ctx) {
    String id = AwsNames.identifier(ctx, "drill-snap");
    Map<String, String> tags = DrillTags.forStep(ctx, null);
    fake.resource(RDS_NS, "DescribeDBSnapshots", "DBSnapshotIdentifier=" + id, "DBSnapshotNotFound")
        .after("CreateDBSnapshot", "DBSnapshotIdentifier=" + id, RdsXml.snapshot(id, "prod-ehr", "creating", tags),
            List.of(RdsXml.snapshots(RdsXml.snapshot(id, "prod-ehr", "creating", tags)),
                RdsXml.snapshots(RdsXml.snapshot(id, "prod-ehr", "available", tags))))
        .deletedBy("DeleteDBSnapshot", RdsXml.snapshot(id, "prod-ehr", "deleted", tags),
            List.of(RdsXml.snapshots(RdsXml.snapshot(id, "prod-ehr", "deleting", tags))));
    return id;
  }

  /** The scratch instance: created by {@code createdBy}, then creating, backing-up, available (at the restored database), deleting. */
  private String restoreLifecycle(ActionContext ctx, String createdBy, String field) {
    return restoreLifecycle(ctx, createdBy, field, "postgres", restoredCopy.port);
  }

  private String restoreLifecycle(ActionContext ctx, String createdBy, String field, String engine, int port) {
    String target = AwsNames.identifier(ctx, "drill-restore");
    Map<String, String> tags = DrillTags.forStep(ctx, null);
    String creating = RdsXml.instances(RdsXml.instance(target, "creating", engine, null, 0, false, tags));
    String available = RdsXml.instances(RdsXml.instance(target, "available", engine, "127.0.0.1", port, false, tags));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + target, "DBInstanceNotFound")
        .after(createdBy, field + "=" + target, RdsXml.instance(target, "creating", engine, null, 0, false, tags),
            List.of(creating, creating, available))
        .deletedBy("DeleteDBInstance", RdsXml.instance(target, "deleting", engine, null, 0, false, tags),
            List.of(RdsXml.instances(RdsXml.instance(target, "deleting", engine, null, 0, false, tags))));
    return target;
  }

  /**
   * The drill's read replica as the fake shows it, at {@code port}: created by CreateDBInstanceReadReplica,
   * modifying then available after PromoteReadReplica, gone after DeleteDBInstance.
   */
  private String replicaLifecycle(ActionContext ctx, String engine, int port) {
    String replica = AwsNames.identifier(ctx, "drill-restore");
    Map<String, String> tags = DrillTags.forStep(ctx, null);
    String available = RdsXml.instances(RdsXml.instance(replica, "available", engine, "127.0.0.1", port, false, tags));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + replica, "DBInstanceNotFound")
        .after("CreateDBInstanceReadReplica", "DBInstanceIdentifier=" + replica, RdsXml.instance(replica, "creating"),
            List.of(RdsXml.instances(RdsXml.instance(replica, "creating", engine, null, 0, false, tags)), available))
        .after("PromoteReadReplica", "DBInstanceIdentifier=" + replica, RdsXml.instance(replica, "modifying"), List.of(
            RdsXml.instances(RdsXml.instance(replica, "modifying", engine, "127.0.0.1", port, false, tags)), available))
        .deletedBy("DeleteDBInstance", RdsXml.instance(replica, "deleting"), List.of());
    return replica;
  }

  /** What RDS does once PromoteReadReplica arrives: the replica stops replicating and accepts writes; the source keeps running. */
  private Thread onPromotion(Promotion promote) {
    return Thread.ofPlatform().start(() -> {
      try {
        while (fake.count("PromoteReadReplica") == 0) {
          Thread.sleep(20);
        }
        promote.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @FunctionalInterface
  private interface Promotion {
    void run() throws Exception;
  }

  @Test
  void snapshotRestoreVerifyAndDeleteADrillCopy() throws Exception {
    Steps s = steps("drl-rds-1");
    production("postgres", false, Map.of(), production.port);
    Map<String, Object> snap = snapshot(s);
    Map<String, Object> restored = restore(s, snap);
    String target = restored.get("dbInstanceIdentifier").toString();

    Map<String, Object> verified = driver.verify(s.ctx("verify", Action.VERIFY, Map.of("rowCounts", Map.of("tolerance", 0),
        "checksums", true, "checks", List.of(Map.of("name", "visits", "query", "select count(*) from patient_visit", "expect", ">= 1"))),
        "restore", restored)).outputs();
    assertEquals(snap.get("rowCounts"), verified.get("rowCounts"));
    assertNotNull(verified.get("checksums"));

    Map<String, Object> deleted = driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", restored)).outputs();
    assertEquals("DB instance " + target, deleted.get("deleted"));
    String delete = fake.requests("DeleteDBInstance").getFirst().getBodyAsString();
    assertTrue(delete.contains("SkipFinalSnapshot=true") && delete.contains("DBInstanceIdentifier=" + target), delete);
    driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
    assertEquals(1, fake.count("DeleteDBSnapshot"));
  }

  @Test
  void verifyFailsWhenTheRestoredRowsDifferFromTheSnapshot() throws Exception {
    Steps s = steps("drl-rds-2");
    production("postgres", false, Map.of(), production.port);
    Map<String, Object> restored = restore(s, snapshot(s));
    restoredCopy.execute("DELETE FROM lab_result WHERE id IN (SELECT id FROM lab_result ORDER BY id LIMIT 3)");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("verify", Action.VERIFY,
        Map.of("rowCounts", Map.of("tolerance", 0)), "restore", restored)));
    assertTrue(f.getMessage().contains("public.lab_result"), f.getMessage());
    assertTrue(f.getMessage().startsWith("step verify: verification of 127.0.0.1:" + restoredCopy.port + "/ehr failed"), f.getMessage());
  }

  @Test
  void aRetriedRestoreFindsTheInstanceItStartedInsteadOfRestoringAgain() throws Exception {
    Steps s = steps("drl-rds-3");
    production("postgres", false, Map.of(), production.port);
    Map<String, Object> snap = snapshot(s);
    Map<String, Object> first = restore(s, snap);
    ActionContext again = s.ctx("restore", Action.RESTORE, Map.of("subnetGroup", "drill-isolated"), "snapshot", snap);
    var second = driver.restore(again);
    assertEquals(first.get("dbInstanceIdentifier"), second.outputs().get("dbInstanceIdentifier"));
    assertEquals(1, fake.count("RestoreDBInstanceFromDBSnapshot"), "one restore, whatever the attempts");
    assertEquals(true, second.outputs().get("resumedEarlierAttempt"));
    assertEquals(false, first.get("resumedEarlierAttempt"));
  }

  @Test
  void deleteRefusesAnInstanceThisDrillDidNotCreate() throws Exception {
    Steps s = steps("drl-rds-4");
    production("postgres", true, Map.of("env", "production"), production.port);
    fake.stub(RDS_NS, "DeleteDBInstance", RdsXml.instance("prod-ehr", "deleting"));
    Map<String, Object> badPlan = Map.of("restoredFrom", "snap", "dbInstanceIdentifier", "prod-ehr");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", badPlan)));
    assertTrue(f.getMessage().contains("refusing to delete DB instance prod-ehr: it has no drillbook:drill-id tag"), f.getMessage());
    assertEquals(0, fake.count("DeleteDBInstance"));
  }

  @Test
  void cleanupFindsTheInstanceOfARestoreThatFailedBeforeReportingIt() throws Exception {
    Steps s = steps("drl-rds-12");
    production("postgres", false, Map.of(), production.port);
    ActionContext ctx = s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", Map.of("snapshotId", "drill-snap-1"));
    String target = AwsNames.identifier(ctx, "drill-restore");
    Map<String, String> tags = DrillTags.forStep(ctx, null);
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + target, "DBInstanceNotFound")
        .after("RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier=" + target, RdsXml.instance(target, "creating"),
            List.of(RdsXml.instances(RdsXml.instance(target, "incompatible-restore", "postgres", null, 0, false, tags))))
        .deletedBy("DeleteDBInstance", RdsXml.instance(target, "deleting"), List.of());
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.restore(ctx));
    assertTrue(f.getMessage().contains("went to status incompatible-restore"), f.getMessage());
    Map<String, Object> out = driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", Map.of())).outputs();
    assertEquals("DB instance " + target, out.get("deleted"));
    assertEquals(1, fake.count("DeleteDBInstance"));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + AwsNames.identifier(s.drillId, "verify", "drill-restore", 63),
        "DBInstanceNotFound");
    fake.resource(RDS_NS, "DescribeDBSnapshots", "DBSnapshotIdentifier=" + AwsNames.identifier(s.drillId, "verify", "drill-snap", 63),
        "DBSnapshotNotFound");
    Map<String, Object> nothing = driver.delete(s.ctx("drop-other", Action.DELETE, Map.of(), "verify", Map.of())).outputs();
    assertEquals(true, nothing.get("alreadyGone"), nothing.toString());
  }

  @Test
  void aMissingSnapshotFailsTheRestoreClearly() {
    Steps s = steps("drl-rds-5");
    production("postgres", false, Map.of(), production.port);
    ActionContext ctx = s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", Map.of("snapshotId", "drill-snap-gone"));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + AwsNames.identifier(ctx, "drill-restore"), "DBInstanceNotFound");
    fake.error(RDS_NS, "RestoreDBInstanceFromDBSnapshot", 404, "DBSnapshotNotFound", "DBSnapshot drill-snap-gone not found.");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.restore(ctx));
    assertTrue(f.getMessage().contains("rds:RestoreDBInstanceFromDBSnapshot on DB snapshot drill-snap-gone in eu-west-3 failed: it does "
        + "not exist (DBSnapshotNotFound)"), f.getMessage());
    assertFalse(f.isRetryable());
  }

  @Test
  void quotaAndPermissionErrorsNameTheirCauseAndFix() {
    Steps s = steps("drl-rds-6");
    production("postgres", false, Map.of(), production.port);
    ActionContext snap = s.ctx("snapshot", Action.SNAPSHOT, Map.of());
    fake.resource(RDS_NS, "DescribeDBSnapshots", "DBSnapshotIdentifier=" + AwsNames.identifier(snap, "drill-snap"), "DBSnapshotNotFound");
    fake.error(RDS_NS, "CreateDBSnapshot", 400, "SnapshotQuotaExceeded", "Cannot create more than 100 manual snapshots");
    ActionFailure quota = assertThrows(ActionFailure.class, () -> driver.snapshot(snap));
    assertTrue(quota.getMessage().contains("rds:CreateDBSnapshot on DB instance prod-ehr in eu-west-3 hit an AWS quota "
        + "(SnapshotQuotaExceeded)"), quota.getMessage());

    ActionContext restore = s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", Map.of("snapshotId", "drill-snap-1"));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + AwsNames.identifier(restore, "drill-restore"), "DBInstanceNotFound");
    fake.accessDenied(RDS_NS, "RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBInstanceFromDBSnapshot",
        "arn:aws:rds:eu-west-3:111122223333:snapshot:drill-snap-1");
    ActionFailure denied = assertThrows(ActionFailure.class, () -> driver.restore(restore));
    assertTrue(denied.getMessage().contains("lacks the IAM permission rds:RestoreDBInstanceFromDBSnapshot"), denied.getMessage());
  }

  @Test
  void pointInTimeAndLatestAutomatedSnapshotRestores() throws Exception {
    Steps s = steps("drl-rds-7");
    production("postgres", false, Map.of(), production.port);
    ActionContext pit = s.ctx("pit", Action.RESTORE, Map.of("source", "latest-restorable-time"));
    restoreLifecycle(pit, "RestoreDBInstanceToPointInTime", "TargetDBInstanceIdentifier");
    Map<String, Object> out = driver.restore(pit).outputs();
    assertEquals("latest-restorable-time of prod-ehr", out.get("restoredFrom"));
    String body = fake.requests("RestoreDBInstanceToPointInTime").getFirst().getBodyAsString();
    assertTrue(body.contains("SourceDBInstanceIdentifier=prod-ehr") && body.contains("UseLatestRestorableTime=true"), body);
    assertTrue(body.contains("DBSubnetGroupName=prod-subnets"), "the source's subnet group when the plan names none: " + body);

    fake.server.stubFor(AwsFake.action("DescribeDBSnapshots").withRequestBody(matching(".*SnapshotType=automated.*"))
        .willReturn(AwsFake.xml(200, AwsFake.answer(RDS_NS, "DescribeDBSnapshots", RdsXml.snapshots(
            RdsXml.snapshot("rds:prod-ehr-2026-11-27", "prod-ehr", "available", Map.of(), "2026-11-27T03:00:00Z", "automated"),
            RdsXml.snapshot("rds:prod-ehr-2026-11-28", "prod-ehr", "available", Map.of(), "2026-11-28T03:00:00Z", "automated"),
            RdsXml.snapshot("rds:prod-ehr-2026-11-29", "prod-ehr", "creating", Map.of(), "2026-11-29T03:00:00Z", "automated"))))));
    ActionContext latest = s.ctx("latest", Action.RESTORE, Map.of());
    restoreLifecycle(latest, "RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier");
    assertEquals("rds:prod-ehr-2026-11-28", driver.restore(latest).outputs().get("restoredFrom"), "the newest available one");
  }

  @Test
  void exportWritesTheSnapshotToS3AsParquet() throws Exception {
    Steps s = steps("drl-rds-8");
    ActionContext ctx = s.ctx("export", Action.EXPORT, Map.of("destination", "s3://client-exports/ehr/monthly",
        "iamRoleArn", "arn:aws:iam::111122223333:role/drillbook-export", "kmsKeyId", "arn:aws:kms:eu-west-3:111122223333:key/k1"),
        "snapshot", Map.of("snapshotId", "drill-snap-1", "snapshotArn", "arn:aws:rds:eu-west-3:111122223333:snapshot:drill-snap-1"));
    String id = AwsNames.identifier(ctx, "drill-export", 60);
    fake.resource(RDS_NS, "DescribeExportTasks", "ExportTaskIdentifier=" + id, "ExportTaskNotFound")
        .after("StartExportTask", "ExportTaskIdentifier=" + id, RdsXml.exportTask(id, "STARTING"), List.of(
            "<ExportTasks><ExportTask>" + RdsXml.exportTask(id, "IN_PROGRESS") + "</ExportTask></ExportTasks>",
            "<ExportTasks><ExportTask>" + RdsXml.exportTask(id, "COMPLETE") + "</ExportTask></ExportTasks>"));
    Map<String, Object> out = driver.export(ctx).outputs();
    assertEquals("s3://client-exports/ehr/monthly/" + id + "/", out.get("exportLocation"));
    assertEquals("parquet", out.get("format"));
    String body = fake.requests("StartExportTask").getFirst().getBodyAsString();
    for (String field : List.of("S3BucketName=client-exports", "S3Prefix=ehr%2Fmonthly", "SourceArn=arn%3Aaws%3Ards%3Aeu-west-3%3A111122223333%3Asnapshot%3Adrill-snap-1",
        "IamRoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fdrillbook-export")) {
      assertTrue(body.contains(field), field + " in " + body);
    }
  }

  @Test
  void theVerifyPasswordCanComeFromSecretsManagerInTheClientsAccount() throws Exception {
    String arn = "arn:aws:secretsmanager:eu-west-3:111122223333:secret:drillbook/ehr-verify-AbCdEf";
    fake.stubJson("secretsmanager.GetSecretValue", "{\"ARN\":\"" + arn + "\",\"Name\":\"drillbook/ehr-verify\",\"SecretString\":"
        + "\"{\\\"username\\\":\\\"" + TestSourceCluster.SECRET_USER + "\\\",\\\"password\\\":\\\"" + TestSourceCluster.SECRET_PASSWORD
        + "\\\"}\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}");
    // No config.user: an RDS-managed secret names its user.
    Steps s = new Steps("aws", "drl-rds-13", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
        "database", "ehr", "credentialsRef", "aws-secretsmanager:" + arn));
    Map<String, Object> out = driver.verify(s.ctx("verify", Action.VERIFY, Map.of("checks", List.of(
        Map.of("name", "visits", "query", "select count(*) from patient_visit", "expect", ">= 1"),
        Map.of("name", "as the secret's user", "query", "select (current_user = '" + TestSourceCluster.SECRET_USER + "')::int", "expect", "== 1"))),
        "restore", Map.of("engine", "postgres", "endpointAddress", "127.0.0.1", "port", restoredCopy.port))).outputs();
    assertEquals(2, ((List<?>) out.get("checks")).size());
    var request = fake.jsonRequests("secretsmanager.GetSecretValue").getFirst();
    assertTrue(request.getBodyAsString().contains("\"SecretId\":\"" + arn + "\""), request.getBodyAsString());
    assertFalse(out.toString().contains(TestSourceCluster.SECRET_PASSWORD), "the password stays out of the outputs");
  }

  @Test
  void aSourceThatDoesNotExistIsNamedWithWhereItWasLookedFor() {
    Steps s = steps("drl-rds-15");
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=prod-ehr", "DBInstanceNotFound");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())));
    assertTrue(f.getMessage().contains("step snapshot: DB instance prod-ehr does not exist in eu-west-3; check config.dbInstanceIdentifier"),
        f.getMessage());
  }

  @Test
  void engineTheVerifierDoesNotKnowIsAClearFailure() {
    Steps s = steps("drl-rds-9");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "restore",
        Map.of("engine", "sqlserver-se", "endpointAddress", "db.example", "port", 1433))));
    assertTrue(f.getMessage().contains("engine sqlserver-se is not supported by the verifier"), f.getMessage());
  }

  /**
   * A MariaDB instance, its "production" database on this machine's real MariaDB server: the snapshot counts
   * and hashes its rows, the restored copy (the same database: one server here) is verified as a password
   * user, and rows changed after the snapshot are found by row count and by checksum.
   */
  @Test
  void mariaDbSnapshotRestoreAndVerifyCompareRowsChecksumsAndChecks() throws Exception {
    try (MariaDbTestDatabase db = MariaDbTestDatabase.create()) {
      db.execute("CREATE TABLE patient_visit (id INT PRIMARY KEY, visited_at DATETIME(3) NOT NULL, ward VARCHAR(40), fee DECIMAL(8,2))",
          "CREATE TABLE lab_result (id BIGINT PRIMARY KEY, score DOUBLE, raw BLOB) CHARACTER SET latin1",
          "INSERT INTO patient_visit VALUES (1, '2026-11-01 08:00:00.125', 'cardio', 12.50), (2, '2026-11-02 09:30:00', NULL, 0), "
              + "(3, '2026-11-03 10:00:00', 'NULL', NULL)",
          "INSERT INTO lab_result VALUES (1, 0.1, x'00ff'), (2, 1e300, NULL), (3, -2.5, x'')");
      Steps s = new Steps("aws", "drl-rds-16", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
          "database", db.name(), "user", db.user(), "credentialsRef", "env:EHR_PASSWORD"));
      s.secrets = Map.of("env:EHR_PASSWORD", db.password());
      production("mariadb", false, Map.of(), db.port());
      ActionContext snapCtx = s.ctx("snapshot", Action.SNAPSHOT, Map.of());
      snapshotLifecycle(snapCtx);
      Map<String, Object> snap = driver.snapshot(snapCtx).outputs();
      assertEquals(Map.of(db.name() + ".lab_result", 3L, db.name() + ".patient_visit", 3L), snap.get("rowCounts"));
      assertEquals(2, ((Map<?, ?>) snap.get("checksums")).size(), snap.toString());

      ActionContext restoreCtx = s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap);
      restoreLifecycle(restoreCtx, "RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier", "mariadb", db.port());
      Map<String, Object> restored = driver.restore(restoreCtx).outputs();
      assertEquals("mysql://127.0.0.1:" + db.port() + "/" + db.name(), restored.get("scratchDsn"));

      Map<String, Object> checks = Map.of("rowCounts", Map.of("tolerance", 0), "checksums", true,
          "checks", List.of(Map.of("name", "fees", "query", "select sum(fee) from patient_visit", "expect", "== 12.5"),
              Map.of("name", "as the verify user", "query", "select current_user() like '" + db.user() + "@%'", "expect", "== 1")),
          "queries", List.of("select count(*) from lab_result where raw is not null"));
      Map<String, Object> verified = driver.verify(s.ctx("verify", Action.VERIFY, checks, "restore", restored)).outputs();
      assertEquals(snap.get("rowCounts"), verified.get("rowCounts"));
      assertEquals(snap.get("checksums"), verified.get("checksums"));
      assertEquals(2L, ((Map<?, ?>) ((List<?>) verified.get("queryResults")).getFirst()).get("value"));

      db.execute("UPDATE patient_visit SET ward = NULL WHERE id = 3", "DELETE FROM lab_result WHERE id = 2");
      ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("verify", Action.VERIFY, checks, "restore", restored)));
      assertTrue(f.getMessage().contains(db.name() + ".lab_result"), f.getMessage());
      assertTrue(f.getMessage().contains(db.name() + ".patient_visit: rows differ from the snapshot"),
          "the text 'NULL' and NULL hash differently: " + f.getMessage());
    }
  }

  @Test
  void mariaDbVerifyNamesWrongCredentialsAnUnreachableServerAndAuroraMySqlSpeaksTheSameDialect() throws Exception {
    try (MariaDbTestDatabase db = MariaDbTestDatabase.create()) {
      Steps s = new Steps("aws", "drl-rds-17", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
          "database", db.name(), "user", db.user(), "credentialsRef", "env:EHR_PASSWORD"));
      s.secrets = Map.of("env:EHR_PASSWORD", "not-" + db.password());
      ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "restore",
          Map.of("engine", "mysql", "endpointAddress", "127.0.0.1", "port", db.port()))));
      assertTrue(f.getMessage().contains("wrong credentials for user " + db.user()), f.getMessage());
      int closed;
      try (var socket = new java.net.ServerSocket(0)) {
        closed = socket.getLocalPort();
      }
      ActionFailure down = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("verify", Action.VERIFY, Map.of(), "restore",
          Map.of("engine", "mariadb", "endpointAddress", "127.0.0.1", "port", closed))));
      assertTrue(down.getMessage().contains("cannot reach MySQL/MariaDB at 127.0.0.1:" + closed), down.getMessage());
      assertEquals(SqlDialect.MYSQL, SqlDialect.forEngine("aurora-mysql").orElseThrow());
    }
  }

  /**
   * The failover canary's MySQL dialect, written and read through one moving endpoint on the real MariaDB
   * server. One server here, no replication: the "failover" is the endpoint cutting every connection (as a
   * DNS flip does), and the write the old primary acknowledged last is then lost, so RPO is one row.
   */
  @Test
  void theCanaryWritesAndMeasuresThroughAMariaDbEndpoint() throws Exception {
    try (MariaDbTestDatabase db = MariaDbTestDatabase.create(); TcpProxy proxy = new TcpProxy(db.port())) {
      PgEndpoint endpoint = new PgEndpoint("127.0.0.1", proxy.port(), db.name(), db.user(), db.password(), "env:EHR_PASSWORD",
          SqlDialect.MYSQL);
      long first;
      try (Connection c = endpoint.connect()) {
        CanaryWriter.createTable(c, endpoint.dialect());
        first = CanaryWriter.nextSeq(c);
      }
      CanaryWriter writer = new CanaryWriter(endpoint, Duration.ofMillis(20));
      writer.start(first);
      assertTrue(writer.awaitAcks(x -> true, 5, Duration.ofSeconds(60)));
      long cut = writer.acks().getLast().seq();
      proxy.moveTo(db.port());
      assertTrue(writer.awaitAcks(x -> x.seq() > cut, 3, Duration.ofSeconds(60)), "the writer reconnected after the cut");
      writer.close();
      db.execute("DELETE FROM drillbook_canary WHERE seq = " + cut);
      Map<String, Object> out = writer.measure(x -> x.seq() <= cut, x -> x.seq() > cut, endpoint);
      assertEquals(1, out.get("rowsLost"), out.toString());
      assertTrue(writer.acks().getFirst().server().matches(".+:" + db.port() + "/\\d+"), writer.acks().getFirst().server());
      assertEquals(db.port(), writer.acks().getFirst().port());
      try (Connection c = endpoint.connect()) {
        CanaryWriter.dropTable(c);
      }
    }
  }

  /**
   * standby: scratch on MariaDB, with a real replica taking over: the drill's read replica is a second MariaDB
   * server replicating the "production" one (binlog, GTID, read-only), promoted by PromoteReadReplica while the
   * canary writes to production; the canary, repointed at the promoted replica, finds what was replicated.
   */
  @Test
  void scratchStandbyFailoverPromotesAMariaDbReplicaMeasuredByTheCanary() throws Exception {
    try (MariaDbReplicaPair pair = new MariaDbReplicaPair(clusters.newDirectory("mariadb-replica"))) {
      Steps s = new Steps("aws", "drl-rds-19", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
          "database", "ehr", "user", MariaDbReplicaPair.USER, "credentialsRef", "env:EHR_PASSWORD"));
      s.secrets = Map.of("env:EHR_PASSWORD", MariaDbReplicaPair.PASSWORD);
      production("mariadb", false, Map.of(), pair.primaryPort());
      ActionContext ctx = s.ctx("failover", Action.FAILOVER, Map.of("standby", "scratch", "canaryInterval", "50ms",
          "subnetGroup", "drill-isolated", "vpcSecurityGroupIds", List.of("sg-0isolated")));
      String replica = replicaLifecycle(ctx, "mariadb", pair.replicaPort());
      Thread rds = onPromotion(pair::promoteReplica);
      Map<String, Object> out = driver.failover(ctx).outputs();
      rds.join();

      assertEquals(1, fake.count("PromoteReadReplica"));
      assertEquals(replica, out.get("writerAfter"));
      assertEquals(pair.replicaPort(), out.get("port"));
      assertTrue(((Number) out.get("rtoMillis")).longValue() >= 0, out.toString());
      // Rows the primary acknowledged before the promotion, counted on the promoted replica: what replication carried.
      assertTrue(out.get("rowsLost") instanceof Number lost && lost.longValue() >= 0 && lost.longValue() <= 2, out.toString());
      assertTrue(((Number) out.get("canaryWrites")).longValue() >= 8, "warm-up and confirmation writes: " + out);
    }
  }

  @Test
  void multiAzFailoverIsMeasuredByTheCanaryThroughTheMovingEndpoint() throws Exception {
    Path root = clusters.newDirectory("pair");
    try (StreamingPair pair = new StreamingPair(root); TcpProxy endpoint = new TcpProxy(pair.primaryPort())) {
      Steps s = new Steps("aws", "drl-rds-10", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
          "database", "ehr", "user", "postgres"));
      production("postgres", true, Map.of(DrillTags.DISRUPTION_ALLOWED, "true"), endpoint.port());
      fake.stub(RDS_NS, "RebootDBInstance", RdsXml.instance("prod-ehr", "rebooting"));
      // What RDS does on RebootDBInstance with ForceFailover: the primary dies, the standby is promoted, DNS follows.
      Thread rds = Thread.ofPlatform().start(() -> {
        try {
          while (fake.count("RebootDBInstance") == 0) {
            Thread.sleep(20);
          }
          pair.failover();
          endpoint.moveTo(pair.standbyPort());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Map<String, Object> out = driver.failover(s.ctx("failover", Action.FAILOVER, Map.of("standby", "multi-az", "canaryInterval", "50ms")))
          .outputs();
      rds.join();
      assertTrue(fake.requests("RebootDBInstance").getFirst().getBodyAsString().contains("ForceFailover=true"));
      assertTrue(((Number) out.get("rtoMillis")).longValue() >= 0, out.toString());
      assertTrue(out.get("rowsLost") instanceof Number && out.get("rpoMillis") instanceof Number, out.toString());
      assertTrue(((Number) out.get("canaryWrites")).longValue() >= 8, "warm-up and confirmation writes: " + out);
      assertEquals("prod-ehr", out.get("writerAfter"));
      try (var c = io.drillbook.provider.local.PgEndpoint.parse("postgresql://127.0.0.1:" + pair.standbyPort() + "/ehr", "postgres", null, null)
          .connect(); var rs = c.createStatement().executeQuery("SELECT to_regclass('drillbook_canary') IS NULL")) {
        rs.next();
        assertTrue(rs.getBoolean(1), "the canary's table does not stay in the production database");
      }
    }
  }

  /**
   * standby: scratch: a read replica is created for the drill (a real streaming standby of the "production"
   * primary behind the replica's stubbed endpoint), promoted while the canary writes to production, and the
   * canary, repointed at the replica, measures RTO and RPO; the cleanup's delete removes the replica.
   */
  @Test
  void scratchStandbyFailoverPromotesADrillReplicaMeasuredByTheCanary() throws Exception {
    Path root = clusters.newDirectory("replica");
    try (StreamingPair pair = new StreamingPair(root)) {
      Steps s = new Steps("aws", "drl-rds-18", work, "rds-instance", Map.of("region", "eu-west-3", "dbInstanceIdentifier", "prod-ehr",
          "database", "ehr", "user", "postgres"));
      production("postgres", false, Map.of(), pair.primaryPort());
      ActionContext ctx = s.ctx("failover", Action.FAILOVER, Map.of("standby", "scratch", "canaryInterval", "50ms",
          "subnetGroup", "drill-isolated", "vpcSecurityGroupIds", List.of("sg-0isolated"), "keepFor", "3h"));
      String replica = replicaLifecycle(ctx, "postgres", pair.standbyPort());
      Thread rds = onPromotion(pair::promoteStandby);
      Map<String, Object> out = driver.failover(ctx).outputs();
      rds.join();

      String create = fake.requests("CreateDBInstanceReadReplica").getFirst().getBodyAsString();
      for (String field : List.of("SourceDBInstanceIdentifier=prod-ehr", "DBSubnetGroupName=drill-isolated",
          "VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-0isolated", "PubliclyAccessible=false", "Tags.Tag.1.Key=drillbook%3Adrill-id")) {
        assertTrue(create.contains(field), field + " in " + create);
      }
      assertEquals(1, fake.count("PromoteReadReplica"));
      assertEquals(0, fake.count("RebootDBInstance"), "production is not rebooted");
      assertEquals("prod-ehr", out.get("writerBefore"));
      assertEquals(replica, out.get("writerAfter"));
      assertEquals(pair.standbyPort(), out.get("port"));
      assertTrue(out.get("rtoMillis") instanceof Number && out.get("rowsLost") instanceof Number, out.toString());
      assertTrue(((Number) out.get("canaryWrites")).longValue() >= 8, "warm-up and confirmation writes: " + out);

      Map<String, Object> deleted = driver.delete(s.ctx("drop-replica", Action.DELETE, Map.of(), "failover", out)).outputs();
      assertEquals("DB instance " + replica, deleted.get("deleted"));
      assertTrue(fake.requests("DeleteDBInstance").getFirst().getBodyAsString().contains("DBInstanceIdentifier=" + replica));
    }
  }

  @Test
  void aScratchFailoverResumedAfterThePromotionFailsAndCreatesNothing() {
    Steps s = steps("drl-rds-19");
    production("postgres", false, Map.of(), production.port);
    FakeHeartbeat earlier = new FakeHeartbeat(new Progress("failover started on read replica x of DB instance prod-ehr", 0, 3, 0, 42_000));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.failover(s.ctx("failover", Action.FAILOVER,
        Map.of("standby", "scratch"), null, null, earlier)));
    assertTrue(f.getMessage().contains("already started the promotion of read replica"), f.getMessage());
    assertEquals(0, fake.count("CreateDBInstanceReadReplica") + fake.count("PromoteReadReplica"));
  }

  @Test
  void aResumedFailoverNeverDisruptsProductionASecondTime() {
    Steps s = steps("drl-rds-14");
    production("postgres", true, Map.of(DrillTags.DISRUPTION_ALLOWED, "true"), production.port);
    FakeHeartbeat earlier = new FakeHeartbeat(new Progress(
        "failover started on DB instance prod-ehr; waiting for DB instance prod-ehr: rebooting", 0, 3, 0, 42_000));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.failover(s.ctx("failover", Action.FAILOVER,
        Map.of("standby", "multi-az"), null, null, earlier)));
    assertTrue(f.getMessage().contains("an earlier attempt of this step already started the fail over of DB instance prod-ehr"),
        f.getMessage());
    assertEquals(0, fake.count("RebootDBInstance"));
  }

  @Test
  void multiAzFailoverNeedsTheOwnersConsentAndAMultiAzInstance() {
    Steps s = steps("drl-rds-11");
    production("postgres", true, Map.of(), production.port);
    ActionFailure noConsent = assertThrows(ActionFailure.class,
        () -> driver.failover(s.ctx("failover", Action.FAILOVER, Map.of("standby", "multi-az"))));
    assertTrue(noConsent.getMessage().contains("not tagged drillbook:disruption-allowed=true"), noConsent.getMessage());
    fake.server.resetAll();
    production("postgres", false, Map.of(DrillTags.DISRUPTION_ALLOWED, "true"), production.port);
    ActionFailure single = assertThrows(ActionFailure.class,
        () -> driver.failover(s.ctx("failover", Action.FAILOVER, Map.of("standby", "multi-az"))));
    assertTrue(single.getMessage().contains("is not Multi-AZ"), single.getMessage());
    assertEquals(0, fake.count("RebootDBInstance"));
  }

  /** A snapshot step against the fake; production's rows are counted for real, then copied to the "restored" cluster. */
  private Map<String, Object> snapshot(Steps s) throws Exception {
    ActionContext snapCtx = s.ctx("snapshot", Action.SNAPSHOT, Map.of());
    String snapshotId = snapshotLifecycle(snapCtx);
    Map<String, Object> snap = driver.snapshot(snapCtx).outputs();
    production.copyTo(restoredCopy, "ehr");
    assertEquals(1, fake.count("CreateDBSnapshot"));
    assertEquals(snapshotId, snap.get("snapshotId"));
    assertEquals("arn:aws:rds:eu-west-3:111122223333:snapshot:" + snapshotId, snap.get("snapshotArn"));
    assertTrue(((Map<?, ?>) snap.get("rowCounts")).size() >= 3, "the source's tables were counted: " + snap.get("rowCounts"));
    String create = fake.requests("CreateDBSnapshot").getFirst().getBodyAsString();
    assertTrue(create.contains("DBInstanceIdentifier=prod-ehr"), create);
    assertTrue(create.contains("Tags.Tag.1.Key=drillbook%3Adrill-id&Tags.Tag.1.Value=" + s.drillId), create);

    return snap;
  }

  /** A restore step from {@code snap} into the isolated network, answered by the fake's scratch instance. */
  private Map<String, Object> restore(Steps s, Map<String, Object> snap) throws Exception {
    String snapshotId = snap.get("snapshotId").toString();
    ActionContext restoreCtx = s.ctx("restore", Action.RESTORE, Map.of("subnetGroup", "drill-isolated",
        "vpcSecurityGroupIds", List.of("sg-0isolated"), "instanceClass", "db.t4g.small", "keepFor", "6h"), "snapshot", snap);
    String target = restoreLifecycle(restoreCtx, "RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier");
    Map<String, Object> restored = driver.restore(restoreCtx).outputs();
    assertEquals(target, restored.get("dbInstanceIdentifier"));
    assertEquals("postgresql://127.0.0.1:" + restoredCopy.port + "/ehr", restored.get("scratchDsn"));
    assertEquals(snap.get("rowCounts"), restored.get("sourceRowCounts"));
    String restore = fake.requests("RestoreDBInstanceFromDBSnapshot").getFirst().getBodyAsString();
    for (String field : List.of("DBSnapshotIdentifier=" + snapshotId, "DBSubnetGroupName=drill-isolated",
        "VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-0isolated", "DBInstanceClass=db.t4g.small", "PubliclyAccessible=false",
        "MultiAZ=false", "Tags.Tag.3.Key=drillbook%3Astep-id&Tags.Tag.3.Value=restore")) {
      assertTrue(restore.contains(field), field + " in " + restore);
    }
    assertTrue(fake.count("DescribeDBInstances") >= 4, "polled until available");

    return restored;
  }
}
