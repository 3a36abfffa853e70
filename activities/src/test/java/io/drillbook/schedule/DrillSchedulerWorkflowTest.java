package io.drillbook.schedule;

import static io.drillbook.schedule.ScheduleHarness.at;
import static io.drillbook.schedule.ScheduleHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DrillSchedulerWorkflowTest {

  private static final String PARIS = "Europe/Paris";
  private static final ZoneId PARIS_ZONE = ZoneId.of(PARIS);
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void aYearOfMonthlyDrillsFiresTwelveTimesAtThreeLocalAcrossBothDaylightSavingChanges() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-01-15T12:00", PARIS))) {
      ScheduleSpec spec = spec("0 3 1 * *", PARIS);
      DrillSchedulerWorkflow scheduler = h.start(spec);
      String firstRun = WorkflowStub.fromTyped(scheduler).getExecution().getRunId();

      h.sleepUntil(at("2027-01-15T12:00", PARIS));

      List<ZonedDateTime> starts = h.drillStarts(PARIS_ZONE);
      assertEquals(12, starts.size(), starts.toString());
      for (int i = 0; i < 12; i++) {
        ZonedDateTime expected = at("2026-02-01T03:00", PARIS).plusMonths(i);
        assertEquals(expected, starts.get(i).truncatedTo(ChronoUnit.MINUTES), "fire " + (i + 1));
      }
      // Winter time before the end of March, summer time until the end of October.
      assertEquals(List.of(1, 1, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1),
          starts.stream().map(s -> s.getOffset().getTotalSeconds() / 3600).toList());
      assertTrue(h.drills.starts().stream().allMatch(s -> s.trigger() == Trigger.SCHEDULE
          && s.actor().equals("schedule:" + spec.scheduleId()) && DrillId.isValid(s.drillId())));

      // Every fire continued as new; the count, the last verdict and the history came along.
      ScheduleState state = scheduler.state();
      assertNotEquals(firstRun, currentRun(h, spec));
      assertEquals(12, state.fires());
      assertEquals(Verdict.PASSED, state.lastVerdict());
      assertEquals(h.drills.starts().get(11).drillId(), state.lastDrillId());
      assertEquals(12, state.recent().size());
      assertTrue(state.recent().stream().allMatch(f -> f.outcome() == FireOutcome.STARTED && f.verdict() == Verdict.PASSED));
      assertNull(state.runningDrillId());
      assertFalse(state.overdue());
      assertEquals(at("2027-02-01T03:00", PARIS).toInstant().toEpochMilli(), state.nextFireAtMillis());
      assertEquals(FireReason.CRON, state.nextFireReason());
      assertEquals(List.of(), h.events.violations());
      assertEquals(1 + 12 * 2, h.events.events().size());
    }
  }

  @Test
  void aDailyTimeThatDoesNotExistOnTheSpringForwardDayFiresAtTheEndOfTheGap() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-03-27T12:00", PARIS))) {
      h.start(spec("30 2 * * *", PARIS));

      h.sleepUntil(at("2026-03-31T12:00", PARIS));

      assertEquals(List.of("2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00",
          "2026-03-31T02:30+02:00"), minutes(h.drillStarts(PARIS_ZONE)));
    }
  }

  @Test
  void aDailyTimeOfTheRepeatedHourOnTheFallBackDayFiresOnce() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-10-23T12:00", PARIS))) {
      h.start(spec("30 2 * * *", PARIS));

      h.sleepUntil(at("2026-10-26T12:00", PARIS));

      assertEquals(List.of("2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"),
          minutes(h.drillStarts(PARIS_ZONE)));
    }
  }

  @Test
  void jitterDelaysEachCronFireWithinItsBoundAndKeepsTheSlot() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-01T00:00", "UTC"))) {
      DrillSchedulerWorkflow scheduler = h.start(spec("0 3 * * *", "UTC").withJitter(Duration.ofMinutes(15)));

      h.sleepUntil(at("2026-06-04T00:00", "UTC"));

      List<ZonedDateTime> starts = h.drillStarts(UTC);
      assertEquals(3, starts.size(), starts.toString());
      for (int day = 0; day < 3; day++) {
        ZonedDateTime slot = at("2026-06-01T03:00", "UTC").plusDays(day);
        assertTrue(!starts.get(day).isBefore(slot) && !starts.get(day).isAfter(slot.plusMinutes(15).plusSeconds(1)),
            starts.get(day).toString());
        assertEquals(slot.toInstant().toEpochMilli(), scheduler.state().recent().get(day).dueAtMillis());
      }
    }
  }

  @Test
  void pauseResumeTriggerChangeCronAndDeleteAreRecordedWithTheirActor() throws Exception {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-05-04T12:00", PARIS))) {
      ScheduleSpec spec = spec("0 3 * * *", PARIS);
      DrillSchedulerWorkflow scheduler = h.start(spec);

      ScheduleState paused = scheduler.pause("oncall", "change freeze");
      assertTrue(paused.paused());
      assertEquals("change freeze", paused.pausedReason());
      assertNull(paused.nextFireAtMillis());
      h.sleepUntil(at("2026-05-06T12:00", PARIS));
      assertEquals(List.of(), h.drills.starts());

      ScheduleState resumed = scheduler.resume("oncall");
      assertFalse(resumed.paused());
      assertEquals(at("2026-05-07T03:00", PARIS).toInstant().toEpochMilli(), resumed.nextFireAtMillis());

      FireRecord triggered = scheduler.triggerNow("dsi@client");
      assertEquals(FireOutcome.STARTED, triggered.outcome());
      assertEquals(FireReason.TRIGGER, triggered.reason());
      assertEquals("dsi@client", triggered.requestedBy());
      ScriptedDrill.Start start = h.awaitDrillStarts(1).get(0);
      assertEquals(triggered.drillId(), start.drillId());
      assertAbout(h.now().toEpochMilli(), start.atMillis());

      // 2026-05-11 is the next Monday.
      ScheduleState weekly = scheduler.changeCron("msp-manager", "0 4 * * 1", PARIS);
      assertEquals("0 4 * * 1", weekly.cron());
      assertEquals(at("2026-05-11T04:00", PARIS).toInstant().toEpochMilli(), weekly.nextFireAtMillis());

      h.sleepUntil(at("2026-05-12T12:00", PARIS));
      assertEquals(List.of("2026-05-06T12:00+02:00", "2026-05-11T04:00+02:00"), minutes(h.drillStarts(PARIS_ZONE)));
      ScheduleState afterFires = scheduler.state();
      assertEquals("0 4 * * 1", afterFires.cron(), "the new cron survives continue-as-new");
      assertEquals(2, afterFires.fires());

      scheduler.delete("msp-manager");
      ScheduleState last = h.result(scheduler);
      assertTrue(last.deleted());
      assertNull(last.nextFireAtMillis());

      assertEquals(List.of(ScheduleEvents.CREATED, ScheduleEvents.PAUSED, ScheduleEvents.RESUMED, ScheduleEvents.FIRED,
          ScheduleEvents.CRON_CHANGED, ScheduleEvents.DRILL_ENDED, ScheduleEvents.FIRED, ScheduleEvents.DRILL_ENDED,
          ScheduleEvents.DELETED), h.events.types());
      assertEquals(List.of("planner", "oncall", "oncall", "dsi@client", "msp-manager", "schedule:" + spec.scheduleId(),
          "schedule:" + spec.scheduleId(), "schedule:" + spec.scheduleId(), "msp-manager"),
          h.events.events().stream().map(ScheduleEvent::actor).toList());
      ScheduleEvent pause = h.events.events().get(1);
      assertEquals("change freeze", pause.payload().get("reason"));
      assertEquals(spec.tenant(), pause.tenant());
      ScheduleEvent changed = h.events.events().get(4);
      assertEquals("0 3 * * *", changed.payload().get("fromCron"));
      assertEquals("0 4 * * 1", changed.payload().get("cron"));
      assertTrue(h.events.sealed(spec.scheduleId()), "a deleted schedule's stream is sealed");
      assertEquals(List.of(), h.events.violations());
    }
  }

  @Test
  void aPauseDeliveredWithTheStartIsRecordedAfterTheCreation() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-05-04T12:00", PARIS))) {
      ScheduleSpec spec = spec("0 3 * * *", PARIS);
      DrillSchedulerWorkflow scheduler = h.client().newWorkflowStub(DrillSchedulerWorkflow.class,
          WorkflowOptions.newBuilder()
              .setWorkflowId(spec.scheduleId())
              .setTaskQueue(DrillWorkflow.TASK_QUEUE)
              .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
              .build());

      // Update-with-start hands the pause to the first workflow task, before run() has recorded anything.
      ScheduleState paused = WorkflowClient.executeUpdateWithStart(scheduler::pause, "oncall", "change freeze",
          UpdateOptions.<ScheduleState>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(scheduler::run, spec));

      assertTrue(paused.paused());
      assertEquals(List.of(ScheduleEvents.CREATED, ScheduleEvents.PAUSED), h.events.types());
      assertEquals(List.of(), h.events.violations());
    }
  }

  @Test
  void overlapSkipRecordsAFireThatComesWhileTheDrillStillRuns() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-01T00:30", "UTC"))) {
      h.drills.then(Duration.ofMinutes(90), Verdict.PASSED).then(Duration.ofMinutes(90), Verdict.PASSED);
      DrillSchedulerWorkflow scheduler = h.start(spec("0 * * * *", "UTC"));

      h.sleepUntil(at("2026-06-01T01:30", "UTC"));
      String first = h.drills.starts().get(0).drillId();
      assertRejected("drill " + first + " is still running and the overlap policy is SKIP",
          () -> scheduler.triggerNow("oncall"));
      h.sleepUntil(at("2026-06-01T03:30", "UTC"));

      assertEquals(List.of("2026-06-01T01:00Z", "2026-06-01T03:00Z"), minutes(h.drillStarts(UTC)));
      ScheduleState state = scheduler.state();
      assertEquals(List.of(FireOutcome.STARTED, FireOutcome.SKIPPED, FireOutcome.STARTED),
          state.recent().stream().map(FireRecord::outcome).toList());
      FireRecord skipped = state.recent().get(1);
      assertEquals(at("2026-06-01T02:00", "UTC").toInstant().toEpochMilli(), skipped.dueAtMillis());
      assertEquals("drill " + first + " still running (overlap: skip)", skipped.note());
      assertEquals(Verdict.PASSED, state.recent().get(0).verdict(), "the verdict learnt by a later run");
      assertEquals(h.drills.starts().get(1).drillId(), state.runningDrillId());
      assertEquals(2, state.fires());
      assertEquals(1, state.skipped());
    }
  }

  @Test
  void overlapQueueStartsTheWaitingFireAsSoonAsTheRunningDrillEnds() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-01T00:30", "UTC"))) {
      h.drills.then(Duration.ofMinutes(90), Verdict.PASSED).then(Duration.ofMinutes(10), Verdict.PASSED)
          .then(Duration.ofMinutes(90), Verdict.PASSED);
      DrillSchedulerWorkflow scheduler = h.start(spec("0 * * * *", "UTC").withOverlap(OverlapPolicy.QUEUE));

      h.sleepUntil(at("2026-06-01T02:10", "UTC"));
      String first = h.drills.starts().get(0).drillId();
      assertTrue(scheduler.state().queued());
      assertRejected("drill " + first + " is still running and a fire is already queued behind it",
          () -> scheduler.triggerNow("oncall"));
      h.sleepUntil(at("2026-06-01T03:30", "UTC"));

      List<ZonedDateTime> starts = h.drillStarts(UTC);
      assertEquals(3, starts.size(), starts.toString());
      // The first drill ends at 02:30; the polls (every quarter of its age) notice it within 25 minutes.
      ZonedDateTime queuedStart = starts.get(1);
      assertTrue(!queuedStart.isBefore(at("2026-06-01T02:30", "UTC"))
          && !queuedStart.isAfter(at("2026-06-01T02:55", "UTC")), queuedStart.toString());
      assertEquals(at("2026-06-01T03:00", "UTC"), starts.get(2).truncatedTo(ChronoUnit.MINUTES));
      ScheduleState state = scheduler.state();
      assertEquals(List.of(FireOutcome.STARTED, FireOutcome.QUEUED, FireOutcome.STARTED, FireOutcome.STARTED),
          state.recent().stream().map(FireRecord::outcome).toList());
      FireRecord fromQueue = state.recent().get(2);
      assertEquals(at("2026-06-01T02:00", "UTC").toInstant().toEpochMilli(), fromQueue.dueAtMillis());
      assertEquals(FireReason.CRON, fromQueue.reason());
      assertFalse(state.queued());
      assertEquals(3, state.fires());
      assertEquals(0, state.skipped());
    }
  }

  /**
   * The race of a delete with a fire the scheduler has already taken: the queued fire is due as soon as the
   * running drill's end is recorded, and the delete comes while that record is being written. The fire is
   * skipped, saying why, instead of starting a drill of a deleted schedule.
   */
  @Test
  void aDeleteThatComesWhileTheSchedulerIsAboutToStartAFireStartsNoDrill() throws Exception {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-01T00:30", "UTC"))) {
      h.drills.then(Duration.ofMinutes(90), Verdict.PASSED);
      ScheduleSpec spec = spec("0 * * * *", "UTC").withOverlap(OverlapPolicy.QUEUE);
      DrillSchedulerWorkflow scheduler = h.start(spec);
      h.sleepUntil(at("2026-06-01T02:10", "UTC"));
      assertTrue(scheduler.state().queued());

      RecordingScheduleEvents.Hold drillEnd = h.events.holdBefore(ScheduleEvents.DRILL_ENDED);
      Thread clock = Thread.ofPlatform().start(() -> h.sleepUntil(at("2026-06-01T02:50", "UTC")));
      drillEnd.awaitReached();
      WorkflowStub.fromTyped(scheduler).startUpdate("delete", WorkflowUpdateStage.ACCEPTED, Void.class, "msp-manager");
      drillEnd.release();
      ScheduleState last = h.result(scheduler);
      clock.join();

      assertTrue(last.deleted());
      assertEquals(1, h.drills.starts().size(), "no drill after the delete: " + h.drills.starts());
      assertEquals(List.of(ScheduleEvents.CREATED, ScheduleEvents.FIRED, ScheduleEvents.QUEUED,
          ScheduleEvents.DRILL_ENDED, ScheduleEvents.DELETED, ScheduleEvents.SKIPPED), h.events.types());
      ScheduleEvent skipped = h.events.events().get(5);
      assertEquals("the schedule was deleted by msp-manager before the drill started", skipped.payload().get("note"));
      assertEquals(FireReason.CRON.name(), skipped.payload().get("reason"));
      assertTrue(h.events.sealed(spec.scheduleId()));
      assertEquals(List.of(), h.events.violations());
    }
  }

  @Test
  void aLongDrillIsFollowedAcrossRunsWithoutGrowingOneHistory() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-01T02:30", "UTC"))) {
      h.drills.then(Duration.ofHours(10), Verdict.PASSED_WITH_OBSERVATIONS);
      ScheduleSpec spec = spec("0 3 * * *", "UTC");
      DrillSchedulerWorkflow scheduler = h.start(spec);
      h.sleepUntil(at("2026-06-01T03:10", "UTC"));
      String runAfterFire = currentRun(h, spec);

      h.sleepUntil(at("2026-06-01T13:30", "UTC"));

      // Polls every 5 minutes for 10 hours pass the history limit: the run continued as new without a fire.
      assertNotEquals(runAfterFire, currentRun(h, spec));
      ScheduleState state = scheduler.state();
      assertEquals(1, state.fires());
      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, state.lastVerdict());
      assertEquals(state.recent().get(0).endedAtMillis(), state.lastPassedAtMillis());
      assertTrue(h.client().fetchHistory(spec.scheduleId()).getHistory().getEventsCount()
          <= DrillSchedulerWorkflowImpl.HISTORY_LIMIT);
    }
  }

  @Test
  void aFailedDrillIsRetestedADayLaterWithinTheRetestWindow() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-15T00:00", "UTC"))) {
      h.drills.then(Duration.ofMinutes(1), Verdict.FAILED);
      DrillSchedulerWorkflow scheduler = h.start(spec("0 3 1 * *", "UTC"));

      h.sleepUntil(at("2026-07-01T12:00", "UTC"));
      ScheduleState failed = scheduler.state();
      long endedAt = failed.recent().get(0).endedAtMillis();
      assertEquals(Verdict.FAILED, failed.lastVerdict());
      assertEquals(FireReason.RETEST, failed.nextFireReason());
      assertEquals(endedAt + Duration.ofDays(1).toMillis(), failed.nextFireAtMillis());
      assertEquals(endedAt + Duration.ofDays(30).toMillis(), failed.retestDueByMillis());

      h.sleepUntil(at("2026-07-03T00:00", "UTC"));

      ScheduleState retested = scheduler.state();
      assertEquals(2, h.drills.starts().size());
      assertEquals(endedAt + Duration.ofDays(1).toMillis(), retested.recent().get(1).dueAtMillis());
      assertAbout(endedAt + Duration.ofDays(1).toMillis(), h.drills.starts().get(1).atMillis());
      assertEquals(List.of(FireReason.CRON, FireReason.RETEST), retested.recent().stream().map(FireRecord::reason).toList());
      assertEquals(Verdict.PASSED, retested.lastVerdict());
      assertEquals(retested.recent().get(1).endedAtMillis(), retested.lastPassedAtMillis());
      assertNull(retested.retestDueByMillis());
      assertEquals(FireReason.CRON, retested.nextFireReason());
      assertEquals(at("2026-08-01T03:00", "UTC").toInstant().toEpochMilli(), retested.nextFireAtMillis());
    }
  }

  @Test
  void retestsStopAtTheEndOfTheRetestWindow() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-15T00:00", "UTC"))) {
      h.drills.then(Duration.ofMinutes(1), Verdict.FAILED).then(Duration.ofMinutes(1), Verdict.FAILED);
      DrillSchedulerWorkflow scheduler = h.start(spec("0 3 1 * *", "UTC").withRetest(Duration.ofDays(1), Duration.ofDays(2)));

      h.sleepUntil(at("2026-07-05T00:00", "UTC"));

      ScheduleState state = scheduler.state();
      assertEquals(List.of(FireReason.CRON, FireReason.RETEST), state.recent().stream().map(FireRecord::reason).toList());
      assertEquals(Verdict.FAILED, state.lastVerdict());
      assertEquals(FireReason.CRON, state.nextFireReason(), "a second retest would fall after the 2-day window");
      assertEquals(at("2026-08-01T03:00", "UTC").toInstant().toEpochMilli(), state.nextFireAtMillis());
    }
  }

  @Test
  void aPlanThatNeverPassesBecomesOverdueWhenItsIntervalAndGraceHavePassed() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-06-15T00:00", "UTC"))) {
      DrillSchedulerWorkflow scheduler = h.start(spec("0 3 1 * *", "UTC"));
      scheduler.pause("oncall", "datacentre move");

      // Paused on 15 June: July's interval is 31 days, overdue from 21 July 00:00 (31 + 5 days).
      h.sleepUntil(at("2026-07-20T23:00", "UTC"));
      ScheduleState before = scheduler.state();
      h.sleepUntil(at("2026-07-21T01:00", "UTC"));
      ScheduleState after = scheduler.state();

      assertFalse(before.overdue());
      assertTrue(after.overdue());
      assertEquals(after.createdAtMillis() + Duration.ofDays(31 + 5).toMillis(), after.overdueAtMillis());
      assertAbout(at("2026-07-21T00:00", "UTC").toInstant().toEpochMilli(), after.overdueAtMillis());
    }
  }

  @Test
  void validatorsRejectBadInputBeforeAnythingIsRecorded() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-05-04T12:00", PARIS))) {
      ScheduleSpec spec = spec("0 3 * * *", PARIS);
      DrillSchedulerWorkflow scheduler = h.start(spec);

      assertRejected("bad cron '0 3 * * * *'", () -> scheduler.changeCron("oncall", "0 3 * * * *", PARIS));
      assertRejected("unknown time zone 'Europe/Pariss'", () -> scheduler.changeCron("oncall", "0 3 * * *", "Europe/Pariss"));
      assertRejected("already fires on '0 3 * * *' in Europe/Paris", () -> scheduler.changeCron("oncall", "0 3 * * *", PARIS));
      assertRejected("the schedule is not paused", () -> scheduler.resume("oncall"));
      assertRejected("say why the schedule is paused", () -> scheduler.pause("oncall", " "));
      assertRejected("must name who makes it (actor)", () -> scheduler.triggerNow(""));
      scheduler.pause("oncall", "change freeze");
      assertRejected("the schedule is already paused", () -> scheduler.pause("oncall", "again"));
      assertRejected("the schedule is paused: resume it first", () -> scheduler.triggerNow("oncall"));

      assertEquals(List.of(ScheduleEvents.CREATED, ScheduleEvents.PAUSED), h.events.types());
      assertFalse(h.events.sealed(spec.scheduleId()), "a live schedule's stream is never sealed");
    }
  }

  @Test
  void anInvalidScheduleFailsAtOnceSayingWhy() {
    try (ScheduleHarness h = new ScheduleHarness(at("2026-05-04T12:00", PARIS))) {
      DrillSchedulerWorkflow scheduler = h.start(spec("0 0 30 2 *", PARIS));

      WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> h.result(scheduler));

      ApplicationFailure cause = (ApplicationFailure) e.getCause();
      assertEquals("InvalidSchedule", cause.getType());
      assertTrue(cause.getOriginalMessage().contains("never fires"), cause.getOriginalMessage());
      assertEquals(List.of(), h.events.events());
    }
  }

  private static String currentRun(ScheduleHarness h, ScheduleSpec spec) {
    return h.client().newUntypedWorkflowStub(spec.scheduleId()).describe().getExecution().getRunId();
  }

  private static List<String> minutes(List<ZonedDateTime> times) {
    return times.stream().map(t -> t.truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime().toString()).toList();
  }

  /** Workflow time moves by a few milliseconds between a decision and what it starts. */
  private static void assertAbout(long expectedMillis, long actualMillis) {
    assertTrue(Math.abs(actualMillis - expectedMillis) < 1_000,
        Instant.ofEpochMilli(actualMillis) + " is not about " + Instant.ofEpochMilli(expectedMillis));
  }

  private static void assertRejected(String expected, Executable update) {
    WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class, update);
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String message = t instanceof ApplicationFailure a ? a.getOriginalMessage() : t.getMessage();
    assertTrue(message.contains(expected), message);
  }
}
