package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanLoader;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.service.DrillService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
    int port = freePort();
    Path source = Files.createDirectories(work.resolve("records"));
    for (int i = 0; i < 10; i++) {
      Files.writeString(source.resolve("part-" + i + ".dat"), "x".repeat(10_000 * (i + 1)));
    }
    Path planFile = Cli.plan(work, "directory-restore.yaml", Map.of("SOURCE_DIR", source.toString(), "HOLD", "4s"));
    LoadedPlan plan = PlanLoader.load(planFile, BuiltInProviders.registry());
    assertTrue(plan.valid(), plan.errors().toString());

    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        // Opened first, so this JVM serves the H2 file to the worker processes (AUTO_SERVER).
        EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      Process first = startWorker(port, "worker-1.log");
      String id = DrillId.newId();
      new DrillService(client).start(new DrillRequest(id, plan.plan(), plan.sha256(), plan.file(), Trigger.MANUAL, "crash-test"));

      awaitEvent(evidence, id, "step.started", "hold");
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertTrue(!first.isAlive(), "worker 1 was killed");

      Process second = startWorker(port, "worker-2.log");
      try {
        DrillResult result;
        try {
          result = WorkflowStub.fromTyped(client.newWorkflowStub(DrillWorkflow.class, id))
              .getResult(120, TimeUnit.SECONDS, DrillResult.class);
        } catch (java.util.concurrent.TimeoutException e) {
          throw new AssertionError("drill did not finish; its history:\n" + eventTypes(client, id), e);
        }
        assertEquals(Verdict.PASSED, result.verdict(), result.toString());
      } finally {
        second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        stubs.shutdownNow();
      }

      ChainVerification chain = evidence.verify(id);
      assertTrue(chain.intact(), chain.summary());
      assertTrue(chain.anchored(), chain.summary());
      List<EvidenceEvent> events = evidence.events(id);
      Set<String> once = new HashSet<>();
      for (EvidenceEvent e : events) {
        if (e.type().endsWith(".started") || e.type().endsWith(".completed")) {
          assertTrue(once.add(e.type() + "/" + e.stepId()), "duplicated event " + e.type() + " of " + e.stepId());
        }
      }
      assertTrue(once.contains("step.completed/verify"), once.toString());
      assertTrue(once.contains("cleanup.completed/drop-copy"), once.toString());
    }
  }

  private Process startWorker(int port, String log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--sun-misc") || a.startsWith("--enable-native-access"))
        .forEach(command::add);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("worker");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("DRILLBOOK_HOME", home.toString());
    pb.environment().put("TEMPORAL_ADDRESS", "127.0.0.1:" + port);
    pb.environment().remove("DRILLBOOK_EVIDENCE_URL");
    // The Java test server serving these workers never releases a dead worker's sticky queue (a real
    // cluster does after 5 s): workers beside a test server run without sticky execution, as documented.
    pb.environment().put("DRILLBOOK_STICKY_EXECUTION", "false");
    pb.redirectErrorStream(true);
    // Kept under target/ (not the temp dir) so a failed run can be read afterwards.
    Path logs = Files.createDirectories(Path.of("target", "crash-test-logs"));
    pb.redirectOutput(logs.resolve(log).toFile());
    return pb.start();
  }

  private static String eventTypes(WorkflowClient client, String id) {
    StringBuilder s = new StringBuilder();
    for (var event : client.fetchHistory(id).getHistory().getEventsList()) {
      s.append(event.getEventId()).append(' ').append(event.getEventType()).append('\n');
    }
    return s.toString();
  }

  private static void awaitEvent(EvidenceStore evidence, String id, String type, String step) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (evidence.events(id).stream().anyMatch(e -> e.type().equals(type) && step.equals(e.stepId()))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(type + " of " + step + " never recorded");
  }

  private static int freePort() throws IOException {
    try (var s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
