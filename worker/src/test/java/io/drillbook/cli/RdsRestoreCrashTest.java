package io.drillbook.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static io.drillbook.provider.aws.AwsFake.RDS_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.ActionRequest;
import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.Action;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanLoader;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.provider.aws.AwsFake;
import io.drillbook.provider.aws.AwsNames;
import io.drillbook.provider.aws.DrillTags;
import io.drillbook.provider.aws.RdsXml;
import io.drillbook.runtime.EmbeddedTemporal;
import io.drillbook.service.DrillService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL while it waits for an RDS restore (the fake's scratch instance stays
 * "creating"): Temporal notices the missing heartbeats and retries the restore on a new worker, which finds
 * the instance by its drill-derived name and waits for it. WireMock's journal shows exactly one
 * RestoreDBInstanceFromDBSnapshot; the drill passes (verify over JDBC on this machine's PostgreSQL) and
 * cleans up.
 */
class RdsRestoreCrashTest {
  @TempDir Path home;
  /** The child workers' logs stay in target/ so a failed run in CI can be read afterwards. */
  private final Path logs = Path.of("target", "crash-logs", "rds-restore");

  @Test
  void aWorkerKilledWhileWaitingForAnRdsRestoreIsReplacedWithoutASecondRestore() throws Exception {
    java.nio.file.Files.createDirectories(logs);
    try (TestDemoDatabase source = TestDemoDatabase.create(5);
        AwsFake fake = new AwsFake();
        EmbeddedTemporal server = EmbeddedTemporal.start(0);
        EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      String database = source.dsn().substring(source.dsn().lastIndexOf('/') + 1);
      String host = source.dsn().replaceFirst("^postgresql://([^:/]+).*", "$1");
      int port = Integer.parseInt(source.dsn().replaceFirst("^postgresql://[^:/]+:(\\d+)/.*", "$1"));
      Path planFile = Cli.plan(logs, "aws-rds-restore.yaml", Map.of("DATABASE", database));
      LoadedPlan plan = PlanLoader.load(planFile, BuiltInProviders.registry());
      assertTrue(plan.valid(), plan.errors().toString());
      String id = DrillId.newId();
      Map<String, String> tags = Map.of(DrillTags.DRILL_ID, id);

      fake.server.stubFor(AwsFake.action("DescribeDBInstances").withRequestBody(matching("(.*&)?DBInstanceIdentifier=prod-ehr(&.*)?"))
          .willReturn(AwsFake.xml(200, AwsFake.answer(RDS_NS, "DescribeDBInstances",
              RdsXml.instances(RdsXml.instance("prod-ehr", "available", "postgres", host, port, false, Map.of()))))));
      String snapshot = AwsNames.identifier(step(id, "snapshot"), "drill-snap");
      fake.resource(RDS_NS, "DescribeDBSnapshots", "DBSnapshotIdentifier=" + snapshot, "DBSnapshotNotFound")
          .after("CreateDBSnapshot", "DBSnapshotIdentifier=" + snapshot, RdsXml.snapshot(snapshot, "prod-ehr", "creating", tags),
              List.of(RdsXml.snapshots(RdsXml.snapshot(snapshot, "prod-ehr", "available", tags))))
          .deletedBy("DeleteDBSnapshot", RdsXml.snapshot(snapshot, "prod-ehr", "deleted", tags), List.of());
      String target = AwsNames.identifier(step(id, "restore"), "drill-restore");
      String creating = RdsXml.instances(RdsXml.instance(target, "creating", "postgres", null, 0, false, tags));
      AwsFake.FakeResource scratch = fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + target, "DBInstanceNotFound")
          .after("RestoreDBInstanceFromDBSnapshot", "DBInstanceIdentifier=" + target, RdsXml.instance(target, "creating"), List.of(creating))
          .deletedBy("DeleteDBInstance", RdsXml.instance(target, "deleting"), List.of(creating.replace("creating", "deleting")));

      // The child workers' AWS SDK: the fake's endpoint, test keys through the default chain, quick polls.
      Map<String, String> env = Map.of(io.drillbook.provider.aws.AwsClients.ENDPOINT_URL, fake.url(), "AWS_ACCESS_KEY_ID", "AKIDCRASHTEST",
          "AWS_SECRET_ACCESS_KEY", "crash-test-secret", "AWS_EC2_METADATA_DISABLED", "true",
          "DRILLBOOK_AWS_POLL_INTERVAL", "200ms", "DRILLBOOK_AWS_POLL_MAX", "1s");
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      Process first = ChildCli.start(home, server.address(), logs.resolve("worker-1.log"), env, "worker");
      Process second = null;
      try {
        new DrillService(client).start(new DrillRequest(id, plan.plan(), plan.sha256(), plan.file(), Trigger.MANUAL, "crash-test"));
        awaitWaitingForTheRestore(fake, target);
        ChildCli.kill(first);
        Instant killedAt = Instant.now();
        assertTrue(evidence.events(id).stream().noneMatch(e -> e.type().equals("step.completed") && "restore".equals(e.stepId())),
            "the worker was killed before the restore completed");
        scratch.now(List.of(creating, RdsXml.instances(RdsXml.instance(target, "available", "postgres", host, port, false, tags))));

        second = ChildCli.start(home, server.address(), logs.resolve("worker-2.log"), env, "worker");
        DrillResult result = WorkflowStub.fromTyped(client.newWorkflowStub(DrillWorkflow.class, id))
            .getResult(4, TimeUnit.MINUTES, DrillResult.class);
        assertEquals(Verdict.PASSED, result.verdict(), result.toString());

        assertEquals(1, fake.count("RestoreDBInstanceFromDBSnapshot"), "one restore, though two workers ran the step");
        assertEquals(1, fake.count("CreateDBSnapshot"));
        assertEquals(1, fake.count("DeleteDBInstance"));
        assertEquals(1, fake.count("DeleteDBSnapshot"));
        DrillEvidence.restoreFinishedByTheSecondWorker(evidence, id, killedAt);
      } finally {
        ChildCli.kill(first);
        if (second != null) {
          ChildCli.kill(second);
        }
        stubs.shutdownNow();
      }
    }
  }

  /** The context naming drill and step, from which the driver derives its AWS names. */
  private static ActionContext step(String drillId, String stepId) {
    return new ActionContext(new ActionRequest(drillId, "test-clinic", stepId, Action.RESTORE, "db", null, Map.of(), null, null, false),
        null, null, null);
  }

  /** Restore requested, and the worker has polled the creating instance since: it is waiting. */
  private static void awaitWaitingForTheRestore(AwsFake fake, String target) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (fake.count("RestoreDBInstanceFromDBSnapshot") == 1 && fake.requests("DescribeDBInstances").stream()
          .filter(r -> r.getBodyAsString().contains("DBInstanceIdentifier=" + target)).count() >= 3) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the worker never started waiting for the restore");
  }
}
