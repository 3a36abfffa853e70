package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.drillbook.testing.Processes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker killed with SIGKILL while it restores a PostgreSQL dump into a scratch cluster: the orphaned
 * cluster keeps running, Temporal notices the missing heartbeats (30 s) and retries the restore on a new
 * worker, which takes the same cluster directory back instead of making another. The drill passes, its
 * evidence verifies with no event twice, and once it is over no cluster or PostgreSQL process of it is left.
 */
class RestoreCrashTest {
  @TempDir Path home;
  @TempDir Path logs;

  @Test
  void aWorkerKilledDuringARestoreIsReplacedAndNothingOfTheDrillIsLeft() throws Exception {
    // Scratch clusters run as postgres when the tests run as root: it must reach the work directory.
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = home.resolve("work");
    try (TestDemoDatabase source = TestDemoDatabase.create(30);
        EmbeddedTemporal server = EmbeddedTemporal.start(0);
        // Opened first, so this JVM serves the H2 file to the worker processes (AUTO_SERVER).
        EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      Path planFile = Cli.plan(logs, "postgres-restore.yaml", Map.of("DSN", source.dsn(), "HOLD", "1s"));
      LoadedPlan plan = PlanLoader.load(planFile, BuiltInProviders.registry());
      assertTrue(plan.valid(), plan.errors().toString());
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      String id = DrillId.newId();
      Set<WorkDirectory.Owned> restoreDirs = ConcurrentHashMap.newKeySet();
      Thread watcher = Thread.ofVirtual().start(() -> watchRestoreDirs(work, id, restoreDirs));
      Process first = ChildCli.start(home, server.address(), logs.resolve("worker-1.log"), "worker");
      Process second = null;
      try {
        new DrillService(client).start(new DrillRequest(id, plan.plan(), plan.sha256(), plan.file(), Trigger.MANUAL, "crash-test"));
        DrillEvidence.await(evidence, id, "step.started", "restore");
        awaitScratchClusterStarted(work, id);
        ChildCli.kill(first);
        Instant killedAt = Instant.now();
        assertTrue(evidence.events(id).stream().noneMatch(e -> e.type().equals("step.completed") && "restore".equals(e.stepId())),
            "the worker was killed before the restore completed");

        second = ChildCli.start(home, server.address(), logs.resolve("worker-2.log"), "worker");
        DrillResult result = WorkflowStub.fromTyped(client.newWorkflowStub(DrillWorkflow.class, id))
            .getResult(4, TimeUnit.MINUTES, DrillResult.class);
        assertEquals(Verdict.PASSED, result.verdict(), result.toString());
        System.out.printf("restore crash: drill passed %d s after the kill%n", java.time.Duration.between(killedAt, Instant.now()).toSeconds());

        DrillEvidence.restoreFinishedByTheSecondWorker(evidence, id, killedAt);
      } finally {
        watcher.interrupt();
        ChildCli.kill(first);
        if (second != null) {
          ChildCli.kill(second);
        }
        stubs.shutdownNow();
      }
      assertEquals(1, restoreDirs.size(), "one scratch cluster directory for the restore step, taken back by the retry: " + restoreDirs);
      assertEquals(List.of(), WorkDirectory.ownedBy(work, id), "the drill's cleanup left something in the work directory");
      assertEquals(List.of(), Processes.mentioning(home.toString()), "a PostgreSQL server or tool of the drill is still running");
    }
  }

  private static void watchRestoreDirs(Path work, String id, Set<WorkDirectory.Owned> seen) {
    while (!Thread.currentThread().isInterrupted()) {
      WorkDirectory.ownedBy(work, id).stream().filter(o -> o.stepId().equals("restore")).forEach(seen::add);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Waits until the restore's scratch cluster runs, so the kill orphans a live server: postmaster.opts is
   * written by a started server (initdb's bootstrap server writes postmaster.pid, not that).
   */
  private static void awaitScratchClusterStarted(Path work, String id) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (WorkDirectory.ownedBy(work, id).stream()
          .anyMatch(o -> o.stepId().equals("restore") && Files.exists(o.dir().resolve("data").resolve("postmaster.opts")))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the restore never started its scratch cluster");
  }
}
