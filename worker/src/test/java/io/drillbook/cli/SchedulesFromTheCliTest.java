package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern TEMPORAL_ADDRESS = Pattern.compile("export TEMPORAL_ADDRESS=(\\S+)");
  private static final Pattern METRICS_URL = Pattern.compile("metrics \\(Prometheus\\): +(http://\\S+/metrics)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path home;
  @TempDir Path work;

  private DrillbookRuntime runtime;
  private TemporalConnection temporal;
  private Cli cli;

  private void startDevProcess() {
    runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(Map.of("DRILLBOOK_HOME", home.toString())));
    temporal = TemporalConnection.embedded(0);
    runtime.startWorker(temporal.client());
    cli = new Cli(home).with("TEMPORAL_ADDRESS", temporal.address());
  }

  private void stopDevProcess() {
    runtime.close();
    temporal.close();
  }

  /**
   * The end-to-end test, and the one test that waits for a real cron fire (every minute, so up to a minute):
   * `drillbook dev` itself with its HTTP port, a schedule created and driven from the CLI, its drills run by
   * dev's worker, and dev's /metrics showing them. Overlap QUEUE keeps it short and its order fixed: the
   * triggered drill runs first, and a cron fire that comes while the schedule still counts it as running (it
   * learns a drill's end 30 s after the start) waits for it instead of being skipped.
   */
  @Test
  void aScheduleFiresOnItsCronIsDrivenFromTheCliAndItsDrillsShowOnMetrics() throws Exception {
    Cli.Running dev = new Cli(home).start("dev", "--temporal-port", "0", "--http", "0");
    try {
      String banner = await("drillbook dev to start", 60, () -> dev.output().contains("Press Ctrl-C"), dev::output);
      cli = new Cli(home).with("TEMPORAL_ADDRESS", match(TEMPORAL_ADDRESS, banner));
      firesOnItsCronAndIsDrivenFromTheCli(URI.create(match(METRICS_URL, banner)));
    } finally {
      dev.stop(30_000);
    }
  }

  private void firesOnItsCronAndIsDrivenFromTheCli(URI metrics) throws Exception {
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

    // Both drills (the trigger's and the cron's) ended PASSED, as dev's own /metrics counts them.
    String passed = "drillbook_drills_completed_total{plan=\"files-restore-test\",type=\"RESTORE_TEST\",verdict=\"PASSED\"} 2.0";
    String text = await("the cron fire and both drills' end", 90, () -> scrape(metrics).contains(passed),
        () -> scrape(metrics));
    for (String line : new String[] {
        "drillbook_drills_started_total{plan=\"files-restore-test\",trigger=\"SCHEDULE\",type=\"RESTORE_TEST\"} 2.0",
        "drillbook_drills_completed_total{plan=\"files-restore-test\",type=\"RESTORE_TEST\",verdict=\"FAILED\"} 0.0",
        "drillbook_step_duration_seconds_count{action=\"restore\",provider=\"local\"} 2",
        "drillbook_step_duration_seconds_count{action=\"wait\",provider=\"none\"} 2",
        "drillbook_last_successful_drill_timestamp_seconds{plan=\"files-restore-test\",type=\"RESTORE_TEST\"} 1."}) {
      assertTrue(text.contains(line), "missing " + line + " in\n" + text);
    }
    JsonNode drillList = JSON.readTree(ok(cli.run("drill", "list", "--json")).out());
    assertEquals(2, drillList.size(), drillList.toString());
    List<String> drillIds = new ArrayList<>();
    for (JsonNode d : drillList) {
      drillIds.add(d.get("drillId").asText());
      assertEquals("SCHEDULE", d.get("trigger").asText(), d.toString());
      assertEquals("schedule:" + id, d.get("actor").asText(), d.toString());
      assertEquals("PASSED", d.get("verdict").asText(), d.toString());
      Cli.Result verified = ok(cli.run("evidence", "verify", d.get("drillId").asText()));
      assertTrue(verified.out().contains("intact"), verified.out());
    }
    assertTrue(drillIds.contains(triggered), drillIds.toString());
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
    Cli.Result sealed = await("the deleted schedule's stream sealed", 10,
        () -> cli.run("evidence", "verify", id).out().contains("anchored"), () -> ok(cli.run("evidence", "verify", id)));
    assertTrue(sealed.out().contains("intact"), sealed.out());
  }

  @Test
  void mistakesAreExplainedTheCronChangesAndAScheduleLostWithItsTemporalCanBeDeleted() throws Exception {
    startDevProcess();
    try {
      mistakesAreExplainedTheCronChangesAndAScheduleLostWithItsTemporalCanBeDeleted(restorePlan());
    } finally {
      stopDevProcess();
    }
  }

  private void mistakesAreExplainedTheCronChangesAndAScheduleLostWithItsTemporalCanBeDeleted(Path plan) {
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

    Cli.Result badCronChange = cli.run("schedule", "change-cron", id, "--cron", "0 4 * *", "--as", "planner");
    assertEquals(1, badCronChange.code(), badCronChange.toString());
    assertTrue(badCronChange.err().contains("'cron': bad cron '0 4 * *'"), badCronChange.toString());
    Cli.Result weekly = ok(cli.run("schedule", "change-cron", id, "--cron", "0 4 * * 1", "--as", "planner"));
    assertTrue(weekly.out().contains("now fires on '0 4 * * 1' in Europe/Paris (changed by planner)"), weekly.out());
    Cli.Result utc = ok(cli.run("schedule", "change-cron", id, "--cron", "0 4 * * 1", "--timezone", "UTC",
        "--as", "planner"));
    assertTrue(utc.out().contains("now fires on '0 4 * * 1' in UTC"), utc.out());
    Cli.Result same = cli.run("schedule", "change-cron", id, "--cron", "0 4 * * 1", "--timezone", "UTC", "--as", "planner");
    assertEquals(1, same.code(), same.toString());
    assertTrue(same.err().contains("already fires on '0 4 * * 1' in UTC"), same.toString());
    assertTrue(Pattern.compile("-\\d\\d 04:00 UTC\\s").matcher(ok(cli.run("schedule", "list")).out()).find());

    // `drillbook dev` stops and starts again: its embedded Temporal forgets the schedule, the evidence stays.
    stopDevProcess();
    startDevProcess();
    Cli.Result gone = ok(cli.run("schedule", "list"));
    assertTrue(gone.out().contains(id) && gone.out().contains("NOT-ON-TEMPORAL"), gone.out());
    Cli.Result pause = cli.run("schedule", "pause", id, "--as", "oncall", "--reason", "freeze");
    assertEquals(1, pause.code(), pause.toString());
    assertTrue(pause.err().contains("not on this Temporal service"), pause.toString());

    ok(cli.run("schedule", "delete", id, "--as", "msp-manager"));
    assertTrue(ok(cli.run("schedule", "list")).out().contains("no schedules"));
    Cli.Result verified = ok(cli.run("evidence", "verify", id));
    assertTrue(verified.out().contains("intact, 4 events, anchored"), verified.out());
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
    return match(pattern, r.toString());
  }

  private static String match(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    assertTrue(m.find(), pattern + " not in:\n" + text);
    return m.group(1);
  }

  private static String scrape(URI metrics) {
    try {
      return HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
