package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `drillbook dev` plus a shell do with schedules: create one from the CLI, see it listed, let the cron
 * fire for real, pause, resume, trigger and delete it, and verify the evidence of its drills and of the
 * schedule itself.
 */
class SchedulesFromTheCliTest {
  private static final Pattern SCHEDULE_ID = Pattern.compile("schedule (sch-[0-9a-z]{26}) created");
  private static final Pattern TRIGGERED = Pattern.compile("started drill (drl-[0-9a-z]{26})");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path work;

  private DrillbookRuntime runtime;
  private TemporalConnection temporal;
  private Cli cli;

  @BeforeEach
  void startDev() {
    startDevProcess();
  }

  @AfterEach
  void stopDev() {
    runtime.close();
    temporal.close();
  }

  private void startDevProcess() {
    runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(Map.of("DRILLBOOK_HOME", home.toString())));
    temporal = TemporalConnection.embedded(0);
    runtime.startWorker(temporal.client());
    cli = new Cli(home).with("TEMPORAL_ADDRESS", temporal.address());
  }

  /**
   * The one test that waits for a real cron fire (every minute, so up to a minute). Overlap QUEUE keeps it
   * short and its order fixed: the triggered drill runs first, and a cron fire that comes while the schedule
   * still counts it as running (it learns a drill's end 30 s after the start) waits for it instead of being
   * skipped.
   */
  @Test
  void aScheduleFiresOnItsCronAndIsDrivenFromTheCli() throws Exception {
    Path plan = restorePlan();
    // A trigger sent within the same minute as the create comes before the first cron fire.
    awaitSecondOfMinuteBelow(45);
    Cli.Result created = ok(cli.run("schedule", "create", plan.toString(), "--cron", "* * * * *", "--overlap", "queue",
        "--as", "planner"));
    String id = match(SCHEDULE_ID, created);
    assertTrue(created.out().contains("next fire"), created.out());

    Cli.Result listed = ok(cli.run("schedule", "list"));
    assertTrue(listed.out().contains(id), listed.out());
    assertTrue(listed.out().contains("files-restore-test") && listed.out().contains("* * * * *"), listed.out());
    assertTrue(Pattern.compile(id + ".*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00Z")
        .matcher(listed.out()).find(), "the next fire, local and UTC:\n" + listed.out());

    String triggered = match(TRIGGERED, ok(cli.run("schedule", "trigger", id, "--as", "dsi-client")));

    ok(cli.run("schedule", "pause", id, "--as", "oncall", "--reason", "change freeze"));
    assertTrue(ok(cli.run("schedule", "list")).out().contains("PAUSED"));
    Cli.Result whilePaused = cli.run("schedule", "trigger", id, "--as", "dsi-client");
    assertEquals(1, whilePaused.code(), whilePaused.toString());
    assertTrue(whilePaused.err().contains("paused: resume it first"), whilePaused.toString());
    assertTrue(ok(cli.run("schedule", "resume", id, "--as", "oncall")).out().contains("next fire"));

    List<DrillSummary> drills = await("the cron fire and both drills' end", 90,
        () -> runtime.evidence().drills(DrillFilter.all()).stream().filter(d -> d.verdict() != null).count() == 2,
        () -> runtime.evidence().drills(DrillFilter.all()));
    JsonNode drillList = JSON.readTree(ok(cli.run("drill", "list", "--json")).out());
    assertEquals(2, drillList.size(), drillList.toString());
    for (JsonNode d : drillList) {
      assertEquals("SCHEDULE", d.get("trigger").asText(), d.toString());
      assertEquals("schedule:" + id, d.get("actor").asText(), d.toString());
      assertEquals("PASSED", d.get("verdict").asText(), d.toString());
      Cli.Result verified = ok(cli.run("evidence", "verify", d.get("drillId").asText()));
      assertTrue(verified.out().contains("intact"), verified.out());
    }
    assertTrue(drills.stream().anyMatch(d -> d.drillId().equals(triggered)));
    assertFalse(ok(cli.run("drill", "list")).out().contains("sch-"), "a schedule is not a drill");

    Cli.Result shown = ok(cli.run("schedule", "show", id));
    assertTrue(shown.out().contains("'* * * * *' in UTC, overlap QUEUE"), shown.out());
    assertTrue(shown.out().contains(triggered), shown.out());
    assertEquals(id, JSON.readTree(ok(cli.run("schedule", "show", id, "--json")).out())
        .get("recorded").get("scheduleId").asText());

    assertTrue(ok(cli.run("schedule", "delete", id, "--as", "msp-manager")).out().contains("deleted"));
    assertTrue(ok(cli.run("schedule", "list")).out().contains("no schedules"));
    Cli.Result refused = cli.run("schedule", "resume", id, "--as", "oncall");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().contains("was deleted by msp-manager"), refused.toString());

    List<String> changes = new ArrayList<>();
    for (JsonNode e : JSON.readTree(ok(cli.run("evidence", "show", id, "--json")).out())) {
      changes.add(e.get("type").asText() + " " + e.get("actor").asText()
          + (e.get("payload").has("reason") ? " " + e.get("payload").get("reason").asText() : ""));
    }
    assertEquals(List.of("schedule.created planner", "schedule.fired dsi-client TRIGGER",
        "schedule.paused oncall change freeze", "schedule.resumed oncall"), changes.subList(0, 4), changes.toString());
    assertTrue(changes.contains("schedule.fired schedule:" + id + " CRON"), changes.toString());
    assertEquals("schedule.deleted msp-manager", changes.get(changes.size() - 1), changes.toString());
    await("the deleted schedule's stream sealed", 10, () -> runtime.evidence().verify(id).anchored(), () -> changes);
    Cli.Result verified = ok(cli.run("evidence", "verify", id));
    assertTrue(verified.out().contains("intact") && verified.out().contains("anchored"), verified.out());
  }

  @Test
  void mistakesAreExplainedAndAScheduleLostWithItsTemporalCanBeDeleted() throws Exception {
    Path plan = restorePlan();
    Cli.Result noTemporal = new Cli(home).run("schedule", "list");
    assertEquals(1, noTemporal.code(), noTemporal.toString());
    assertTrue(noTemporal.err().contains("start `drillbook dev`"), noTemporal.toString());
    Cli.Result noCron = cli.run("schedule", "create", plan.toString());
    assertEquals(1, noCron.code(), noCron.toString());
    assertTrue(noCron.err().contains("has no schedule and no --cron was given"), noCron.toString());
    Cli.Result badCron = cli.run("schedule", "create", plan.toString(), "--cron", "0 3 1 * * *", "--timezone", "Europe/Pariss");
    assertEquals(1, badCron.code(), badCron.toString());
    assertTrue(badCron.err().contains("bad cron '0 3 1 * * *'") && badCron.err().contains("unknown time zone"),
        badCron.toString());
    Cli.Result notAnId = cli.run("schedule", "show", "drl-01jh5v3k6q8w9x2c4m7n0p1r3s");
    assertEquals(1, notAnId.code(), notAnId.toString());
    assertTrue(notAnId.err().contains("not a schedule ID"), notAnId.toString());

    String id = match(SCHEDULE_ID, ok(cli.run("schedule", "create", plan.toString(), "--cron", "0 3 1 * *",
        "--timezone", "Europe/Paris", "--as", "planner")));
    Cli.Result paris = ok(cli.run("schedule", "list", "--tenant", "test-clinic"));
    assertTrue(Pattern.compile("\\d\\d-01 03:00 CES?T\\s").matcher(paris.out()).find(), paris.out());

    // `drillbook dev` stops and starts again: its embedded Temporal forgets the schedule, the evidence stays.
    stopDev();
    startDevProcess();
    Cli.Result gone = ok(cli.run("schedule", "list"));
    assertTrue(gone.out().contains(id) && gone.out().contains("NOT-ON-TEMPORAL"), gone.out());
    Cli.Result pause = cli.run("schedule", "pause", id, "--as", "oncall", "--reason", "freeze");
    assertEquals(1, pause.code(), pause.toString());
    assertTrue(pause.err().contains("not on this Temporal service"), pause.toString());

    ok(cli.run("schedule", "delete", id, "--as", "msp-manager"));
    assertTrue(ok(cli.run("schedule", "list")).out().contains("no schedules"));
    Cli.Result verified = ok(cli.run("evidence", "verify", id));
    assertTrue(verified.out().contains("intact, 2 events, anchored"), verified.out());
  }

  private Path restorePlan() throws IOException {
    Path source = Files.createDirectories(work.resolve("records"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(source.resolve("file-" + i + ".txt"), "synthetic content " + i);
    }
    return Cli.plan(work, "directory-restore.yaml", Map.of("SOURCE_DIR", source.toString(), "HOLD", "1s"));
  }

  private static Cli.Result ok(Cli.Result r) {
    assertEquals(0, r.code(), r.toString());
    return r;
  }

  private static String match(Pattern pattern, Cli.Result r) {
    Matcher m = pattern.matcher(r.out());
    assertTrue(m.find(), pattern + " not in:\n" + r);
    return m.group(1);
  }

  private static <T> T await(String what, int seconds, BooleanSupplier done, java.util.function.Supplier<T> state)
      throws InterruptedException {
    for (int i = 0; i < seconds * 10; i++) {
      if (done.getAsBoolean()) {
        return state.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(what + " not within " + seconds + " s: " + state.get());
  }

  private static void awaitSecondOfMinuteBelow(int second) throws InterruptedException {
    while (LocalTime.now().getSecond() >= second) {
      Thread.sleep(200);
    }
  }
}
