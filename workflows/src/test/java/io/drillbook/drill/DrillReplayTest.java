package io.drillbook.drill;

import static io.drillbook.drill.TestPlans.plan;
import static io.drillbook.drill.TestPlans.raci;
import static io.drillbook.drill.TestPlans.request;
import static io.drillbook.drill.TestPlans.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.drillbook.plan.Action;
import io.drillbook.plan.OnFailure;
import io.drillbook.plan.Plan;
import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded drill against the current {@link DrillWorkflowImpl}: a change to workflow logic that
 * would break drills already running fails here (use {@code Workflow.getVersion} for such changes). Record a
 * new history with {@code -Ddrillbook.recordHistory=true} only when the representative drill itself changes.
 */
class DrillReplayTest {

  private static final String RESOURCE = "histories/drill-basic.json";
  private static final Path RECORDED = Path.of("src/test/resources", RESOURCE);

  @Test
  void theRecordedDrillReplays() throws Exception {
    String json = Boolean.getBoolean("drillbook.recordHistory") ? record() : recorded();
    WorkflowReplayer.replayWorkflowExecution(json, DrillWorkflowImpl.class);
  }

  private static String recorded() throws Exception {
    try (InputStream in = DrillReplayTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing: run this test once with -Ddrillbook.recordHistory=true");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A drill with a bit of everything: parallel provider steps, a retry, a continue-on-failure observation, a
   * wait, an approval by the Accountable, a notify, and cleanup.
   */
  private static String record() throws Exception {
    try (DrillHarness h = new DrillHarness()) {
      h.provider.script("snap").outputs(Map.of("snapshotId", "snap-1", "sizeBytes", 1_048_576));
      h.provider.script("restore").failFirst(1).outputs(Map.of("dsn", "postgresql://127.0.0.1:55432/scratch"));
      h.provider.script("checksums").fail("2 tables without primary key");
      Plan plan = plan("replay-basic")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("tell", Action.NOTIFY).with("to", List.of("client")).with("message", "drill started"))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap").retry(2, Duration.ofSeconds(1)))
          .step(step("settle", Action.WAIT).needs("restore").with("duration", "15m"))
          .step(step("check", Action.VERIFY).needs("settle").from("restore"))
          .step(step("checksums", Action.VERIFY).needs("settle").from("restore").onFailure(OnFailure.CONTINUE))
          .step(step("sign-off", Action.APPROVAL).needs("check", "checksums").raci(raci("oncall", "client")))
          .cleanup(step("drop-scratch", Action.DELETE).from("restore"))
          .build();
      DrillWorkflow drill = h.start(request("drl-replay-basic", plan));
      // Let time skip over the retry backoff and the wait; the approval waits 72h.
      h.env().sleep(Duration.ofMinutes(20));
      h.awaitStep(drill, "sign-off", StepState.WAITING);
      drill.decide(new StepDecision("sign-off", "dsi@client", true, "checked"));
      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, h.result(drill).verdict());
      String json = h.client().fetchHistory("drl-replay-basic").toJson(true);
      Files.createDirectories(RECORDED.getParent());
      Files.writeString(RECORDED, json + "\n");
      return json;
    }
  }
}
