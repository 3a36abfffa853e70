package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.Trigger;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanLoader;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.service.DrillService;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `drillbook dev` in a JVM of its own, with a drill running, gets SIGTERM (what Ctrl-C and container runtimes
 * send): it must say it is stopping, stop by itself with exit code 0, leave no process behind, and the running
 * drill's evidence must still verify. The 30 s bound only tells a hang from a stop; it times nothing.
 */
class DevStopTest {
  private static final Pattern ADDRESS = Pattern.compile("export TEMPORAL_ADDRESS=(\\S+)");
  private static final long HANG_SECONDS = 30;

  @TempDir Path home;
  @TempDir Path work;

  @Test
  void sigtermStopsDevByItselfAndTheRunningDrillsEvidenceVerifies() throws Exception {
    Path source = Files.createDirectories(work.resolve("records"));
    Files.writeString(source.resolve("part.dat"), "x".repeat(10_000));
    Path planFile = Cli.plan(work, "directory-restore.yaml", Map.of("SOURCE_DIR", source.toString(), "HOLD", "10m"));
    LoadedPlan plan = PlanLoader.load(planFile, BuiltInProviders.registry());
    assertTrue(plan.valid(), plan.errors().toString());
    Path log = work.resolve("dev.log");

    // Opened first, so this JVM serves the H2 file to the dev process (AUTO_SERVER).
    try (EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      Process dev = ChildCli.start(home, null, log, "dev", "--temporal-port", "0", "--http", "0");
      String id = DrillId.newId();
      try {
        String address = awaitAddress(dev, log);
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
        try {
          new DrillService(WorkflowClient.newInstance(stubs))
              .start(new DrillRequest(id, plan.plan(), plan.sha256(), plan.file(), Trigger.MANUAL, "stop-test"));
          DrillEvidence.await(evidence, id, "step.started", "hold");
        } finally {
          stubs.shutdownNow();
        }
        List<ProcessHandle> children = dev.descendants().toList();

        dev.destroy();
        boolean exited = dev.waitFor(HANG_SECONDS, TimeUnit.SECONDS);
        String output = Files.readString(log);
        assertTrue(exited, "drillbook dev did not stop within " + HANG_SECONDS + " s of SIGTERM:\n" + output);
        assertEquals(0, dev.exitValue(), output);
        assertTrue(output.contains("stopping: waiting for the worker's running tasks, then the embedded Temporal server"),
            output);
        assertTrue(output.contains("\nstopped\n"), output);
        assertFalse(output.contains("exiting at once"), output);
        children.forEach(c -> assertFalse(c.isAlive(), "left running: " + c.pid() + " " + c.info()));
      } finally {
        if (dev.isAlive()) {
          ChildCli.kill(dev);
        }
      }

      ChainVerification chain = evidence.verify(id);
      assertTrue(chain.intact(), chain.summary());
    }
  }

  private static String awaitAddress(Process dev, Path log) throws Exception {
    for (int i = 0; i < 1200 && dev.isAlive(); i++) {
      String output = Files.exists(log) ? Files.readString(log) : "";
      Matcher m = ADDRESS.matcher(output);
      if (output.contains("Press Ctrl-C") && m.find()) {
        return m.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("drillbook dev did not start:\n" + Files.readString(log));
  }
}
