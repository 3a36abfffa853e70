package io.drillbook.schedule;

import static io.drillbook.schedule.ScheduleHarness.at;
import static io.drillbook.schedule.ScheduleHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.temporal.testing.WorkflowReplayer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded scheduler run against the current {@link DrillSchedulerWorkflowImpl}: a change to the
 * scheduler's logic that would break schedules already running fails here (use {@code Workflow.getVersion} for
 * such changes). Record a new history with {@code -Ddrillbook.recordHistory=true} only when the representative
 * run itself changes.
 */
class SchedulerReplayTest {

  private static final String RESOURCE = "histories/scheduler-basic.json";
  private static final Path RECORDED = Path.of("src/test/resources", RESOURCE);

  @Test
  void theRecordedSchedulerRunReplays() throws Exception {
    String json = Boolean.getBoolean("drillbook.recordHistory") ? record() : recorded();
    WorkflowReplayer.replayWorkflowExecution(json, DrillSchedulerWorkflowImpl.class);
  }

  private static String recorded() throws Exception {
    try (InputStream in = SchedulerReplayTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE + " is missing: run this test once with -Ddrillbook.recordHistory=true");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The second run of a daily 02:30 Europe/Paris schedule, on the spring-forward day: it takes over the drill
   * the first run started at 03:00 (the end of the gap), polls until that drill ends, then is paused, resumed,
   * re-timed and triggered, and continues as new after the triggered drill starts.
   */
  private static String record() throws Exception {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-03-28T12:00", "Europe/Paris"))) {
      ScheduleSpec spec = spec("30 2 * * *", "Europe/Paris");
      DrillSchedulerWorkflow scheduler = h.start(spec);
      h.sleepUntil(at("2026-03-29T02:00", "Europe/Paris"));
      h.sleepUntil(at("2026-03-29T04:00", "Europe/Paris"));
      String secondRun = h.client().newUntypedWorkflowStub(spec.scheduleId()).describe().getExecution().getRunId();
      scheduler.pause("oncall", "storage migration");
      scheduler.resume("oncall");
      scheduler.changeCron("msp-manager", "0 3 * * *", "Europe/Paris");
      assertEquals(FireOutcome.STARTED, scheduler.triggerNow("dsi@client").outcome());
      String json = h.client().fetchHistory(spec.scheduleId(), secondRun).toJson(true);
      Files.createDirectories(RECORDED.getParent());
      Files.writeString(RECORDED, json + "\n");
      return json;
    }
  }
}
