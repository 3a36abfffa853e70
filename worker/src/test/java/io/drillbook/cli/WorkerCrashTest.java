package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanLoader;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.runtime.EmbeddedTemporal;
import io.drillbook.service.DrillService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL in the middle of a drill, against a port-bound Temporal server: a
 * new worker picks the drill up, it completes, its evidence chain verifies and no event is duplicated.
 */
class WorkerCrashTest {
  @TempDir Path home;
  @TempDir Path work;

  @Test
  void aKilledWorkerIsReplacedAndTheDrillCompletesWithIntactEvidence() throws Exception {
    Path source = Files.createDirectories(work.resolve("records"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(source.resolve("part-" + i + ".dat"), "x".repeat(10_000 * (i + 1)));
    }
    Path planFile = Cli.plan(work, "directory-restore.yaml", Map.of("SOURCE_DIR", source.toString(), "HOLD", "4s"));
    LoadedPlan plan = PlanLoader.load(planFile, BuiltInProviders.registry());
    assertTrue(plan.valid(), plan.errors().toString());

    try (EmbeddedTemporal server = EmbeddedTemporal.start(0);
        // Opened first, so this JVM serves the H2 file to the worker processes (AUTO_SERVER).
        EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      Process first = ChildCli.start(home, server.address(), work.resolve("worker-1.log"), "worker");
      String id = DrillId.newId();
      new DrillService(client).start(new DrillRequest(id, plan.plan(), plan.sha256(), plan.file(), Trigger.MANUAL, "crash-test"));

      DrillEvidence.await(evidence, id, "step.started", "hold");
      ChildCli.kill(first);

      Process second = ChildCli.start(home, server.address(), work.resolve("worker-2.log"), "worker");
      try {
        DrillResult result = WorkflowStub.fromTyped(client.newWorkflowStub(DrillWorkflow.class, id))
            .getResult(120, TimeUnit.SECONDS, DrillResult.class);
        assertEquals(Verdict.PASSED, result.verdict(), result.toString());
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        stubs.shutdownNow();
      }

      Set<String> once = DrillEvidence.intactAndOnce(evidence, id);
      assertTrue(once.contains("step.completed/verify"), once.toString());
      assertTrue(once.contains("cleanup.completed/drop-copy"), once.toString());
    }
  }
}
