package io.drillbook.schedule;

import static io.drillbook.schedule.ScheduleJournal.fields;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.plan.PlanMetadata;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;

/**
 * One schedule: waits for the next fire (cron slot + jitter, or the retest of a failed drill), starts the drill
 * as an abandoned child {@link DrillWorkflow}, waits until it has <em>started</em>, then continues as new with
 * everything it remembers in the {@link ScheduleLedger}. Updates wake the wait; a trigger fires from its own
 * handler, which shares the overlap check with the loop, so two fires can never start two drills at once.
 *
 * <p>How a drill's end is learnt: Temporal delivers a child's completion only to the run that started it, and
 * that run ends right after the start. Later runs poll {@link DrillOutcomes#lookUp} instead: 30 s after the
 * start, then every quarter of the drill's age, at most every 5 minutes (a 4-hour restore test costs some 50
 * polls); a run continues as new when its history grows past {@link #HISTORY_LIMIT} events, so a drill that
 * waits three days for an approval cannot bloat it. Rejected alternatives: keeping the run open on the child
 * promise (fires skipped meanwhile would pile up in one history), an activity blocking on the drill's result
 * (a worker slot per running drill for days, and time-skipping tests stall on it), the drill signalling its
 * schedule (a drill would have to know who started it). A poll never misses an end, whichever run makes it,
 * and survives worker restarts, server failover and any number of continue-as-new.
 *
 * <p>Cron and jitter are computed in {@code Workflow.sideEffect}: a replay reuses the recorded fire time even
 * after a cron-utils or time-zone database update.
 */
public class DrillSchedulerWorkflowImpl implements DrillSchedulerWorkflow {

  private static final Logger log = Workflow.getLogger(DrillSchedulerWorkflowImpl.class);

  /** How many fires the ledger and {@link ScheduleState#recent()} keep. */
  static final int RECENT_FIRES = 20;
  static final Duration FIRST_POLL = Duration.ofSeconds(30);
  static final Duration MAX_POLL = Duration.ofMinutes(5);
  /** Continue as new past this many events even without a fire, well below Temporal's warning at 10,240. */
  static final int HISTORY_LIMIT = 1_000;
  /** The change id of sealing a deleted schedule's evidence stream ({@code Workflow.getVersion}). */
  private static final String SEAL_ON_DELETE = "seal-on-delete";
  /** The change id of re-checking delete and pause right before a fire starts its drill. */
  private static final String RECHECK_BEFORE_FIRE = "recheck-before-fire";

  /** A lookup is a describe call; when it keeps failing the next poll tries again rather than holding up fires. */
  private static final ActivityOptions LOOKUP = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(30))
          .build())
      .build();

  /** The next cron fire: the slot the cron names, and when it fires with its jitter. */
  record NextFire(long slotAtMillis, long fireAtMillis) {}

  /** When the overdue rule was last evaluated, and the due time it gave then. */
  record OverdueCheck(long checkedAtMillis, long dueAtMillis) {}

  private final ScheduleSpec spec;
  private final List<String> problems;
  /** The actor of what the schedule does by itself, and the actor of the drills it starts. */
  private final String self;
  private final DrillOutcomes outcomes = Workflow.newActivityStub(DrillOutcomes.class, LOOKUP);
  private final ScheduleJournal journal;
  private final OverdueRule overdueRule;
  private final boolean firstRun;
  private final long createdAt;

  private String cron;
  private String timezone;
  private FireCalendar calendar;
  private boolean paused;
  private String pausedReason;

  private long drillsStarted;
  private long firesSkipped;
  private Long lastSlotAt;
  private FireRecord running;
  private FireRecord queued;
  private FireRecord lastEnded;
  private Long lastPassedAt;
  private Long retestAt;
  private Long retestDueBy;
  private final List<FireRecord> recent;

  private NextFire nextFire;
  private OverdueCheck overdueCheck;
  private Long pollAt;
  /** Between the decision to start a drill and its start: a second fire meanwhile overlaps it. */
  private boolean startingDrill;
  /** This run handled a fire (started, queued, skipped): it continues as new. */
  private boolean fired;
  private String deletedBy;
  /** Bumped by every change, so the loop's wait wakes up and looks again. */
  private int changes;

  /** Builds the state before any Update or query is handled, even one that arrives with the start. */
  @WorkflowInit
  public DrillSchedulerWorkflowImpl(ScheduleSpec spec) {
    this.spec = spec;
    problems = spec.problems();
    self = "schedule:" + spec.scheduleId();
    long now = Workflow.currentTimeMillis();
    firstRun = spec.ledger() == null;
    ScheduleLedger ledger = firstRun ? ScheduleLedger.startedAt(now) : spec.ledger();
    createdAt = ledger.createdAtMillis();
    journal = new ScheduleJournal(problems.isEmpty() ? spec.tenant() : null, spec.scheduleId(), ledger.lastEventSeq(),
        firstRun);
    // An invalid spec only gets as far as run(), which fails the workflow saying why.
    overdueRule = problems.isEmpty() ? new OverdueRule(spec.overdueGrace()) : null;
    calendar = problems.isEmpty() ? FireCalendar.of(spec.cron(), spec.timezone()) : null;
    cron = spec.cron();
    timezone = spec.timezone();
    paused = spec.paused();
    pausedReason = spec.pausedReason();
    drillsStarted = ledger.drillsStarted();
    firesSkipped = ledger.firesSkipped();
    lastSlotAt = ledger.lastSlotAtMillis();
    running = ledger.running();
    queued = ledger.queued();
    lastEnded = ledger.lastEnded();
    lastPassedAt = ledger.lastPassedAtMillis();
    retestAt = ledger.retestAtMillis();
    retestDueBy = ledger.retestDueByMillis();
    recent = new ArrayList<>(ledger.recent());
    if (running != null) {
      pollAt = now + pollDelay(now - running.atMillis());
    }
  }

  /** {@code input} is the spec the constructor already read. */
  @Override
  public ScheduleState run(ScheduleSpec input) {
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("invalid schedule: " + String.join("; ", problems),
          "InvalidSchedule");
    }
    if (firstRun) {
      PlanMetadata plan = spec.plan().metadata();
      log.info("schedule={} tenant={} created cron='{}' timezone={}", spec.scheduleId(), spec.tenant(), cron, timezone);
      journal.record(ScheduleEvents.CREATED, spec.createdBy(), fields(
          "planName", plan.name(),
          "planType", plan.type() == null ? null : plan.type().name(),
          "planSha256", spec.planSha256(),
          "planFile", spec.planFile(),
          "cron", cron,
          "timezone", timezone,
          "jitter", spec.jitter().toString(),
          "overlap", spec.overlap().name(),
          "retestAfter", spec.retestAfter().toString(),
          "retestWindow", spec.retestWindow().toString(),
          "overdueGrace", spec.overdueGrace().toString(),
          "pausedReason", pausedReason));
    }
    while (true) {
      long now = Workflow.currentTimeMillis();
      if (nextFire == null && !paused) {
        nextFire = computeNextFire(now);
      }
      checkOverdue(now);
      Long wakeAt = wakeAt(now);
      int seen = changes;
      // A delete that came while this loop was busy (a poll, a fire) bumped changes before seen was read.
      if (wakeAt == null) {
        Workflow.await(() -> changes != seen || deletedBy != null);
      } else if (wakeAt > now) {
        Workflow.await(Duration.ofMillis(wakeAt - now), () -> changes != seen || deletedBy != null);
      }
      if (deletedBy != null) {
        return end();
      }
      now = Workflow.currentTimeMillis();
      if (running != null && pollAt <= now) {
        poll();
      }
      FireRequest due = dueFire(now);
      if (due != null) {
        fire(due);
      }
      if (fired || Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (deletedBy != null) {
          return end();
        }
        Workflow.continueAsNew(nextSpec());
      }
    }
  }

  /**
   * The end of a deleted schedule: its evidence stream is sealed once every handler has finished, not by the
   * delete itself, since a trigger or a poll that raced the delete may still record after it.
   */
  private ScheduleState end() {
    Workflow.await(Workflow::isEveryHandlerFinished);
    // Schedules deleted before sealing existed ended without it; their histories replay unchanged.
    if (Workflow.getVersion(SEAL_ON_DELETE, Workflow.DEFAULT_VERSION, 1) == 1) {
      journal.seal();
    }
    return state();
  }

  @Override
  public ScheduleState state() {
    long now = Workflow.currentTimeMillis();
    Long nextAt = null;
    FireReason nextReason = null;
    if (!paused && deletedBy == null) {
      if (nextFire != null) {
        nextAt = nextFire.fireAtMillis();
        nextReason = FireReason.CRON;
      }
      if (retestAt != null && (nextAt == null || retestAt < nextAt)) {
        nextAt = retestAt;
        nextReason = FireReason.RETEST;
      }
    }
    boolean overdue = false;
    Long overdueAt = null;
    if (calendar != null) {
      Instant at = Instant.ofEpochMilli(now);
      overdue = overdueRule.isOverdue(calendar, at, instant(lastPassedAt), Instant.ofEpochMilli(createdAt));
      overdueAt = overdueRule.dueBy(calendar, at, instant(lastPassedAt), Instant.ofEpochMilli(createdAt)).toEpochMilli();
    }
    PlanMetadata plan = spec.plan() == null ? null : spec.plan().metadata();
    return new ScheduleState(spec.scheduleId(),
        plan == null ? null : plan.tenant(),
        plan == null ? null : plan.name(),
        plan == null ? null : plan.type(),
        cron, timezone, spec.overlap(), paused, pausedReason, nextAt, nextReason,
        lastEnded == null ? null : lastEnded.drillId(),
        lastEnded == null ? null : lastEnded.verdict(),
        lastEnded == null ? null : lastEnded.atMillis(),
        lastPassedAt,
        running == null ? null : running.drillId(),
        queued != null,
        drillsStarted, firesSkipped, retestDueBy, overdue, overdueAt, createdAt, deletedBy != null,
        List.copyOf(recent));
  }

  @Override
  public void validatePause(String actor, String reason) {
    requireLive(actor);
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("say why the schedule is paused (reason): it goes into the evidence");
    }
    if (paused) {
      throw new IllegalArgumentException("the schedule is already paused");
    }
  }

  @Override
  public ScheduleState pause(String actor, String reason) {
    paused = true;
    pausedReason = reason;
    nextFire = null;
    FireRecord dropped = queued;
    queued = null;
    changes++;
    log.info("schedule={} paused by {}", spec.scheduleId(), actor);
    journal.record(ScheduleEvents.PAUSED, actor, fields(
        "reason", reason,
        "droppedQueuedFire", dropped == null ? null : dropped.reason().name(),
        "runningDrillId", running == null ? null : running.drillId()));
    return state();
  }

  @Override
  public void validateResume(String actor) {
    requireLive(actor);
    if (!paused) {
      throw new IllegalArgumentException("the schedule is not paused");
    }
  }

  @Override
  public ScheduleState resume(String actor) {
    paused = false;
    pausedReason = null;
    nextFire = computeNextFire(Workflow.currentTimeMillis());
    changes++;
    log.info("schedule={} resumed by {}", spec.scheduleId(), actor);
    journal.record(ScheduleEvents.RESUMED, actor, fields(
        "nextFireAtMillis", nextFire.fireAtMillis(),
        "retestAtMillis", retestAt));
    return state();
  }

  @Override
  public void validateTriggerNow(String actor) {
    requireLive(actor);
    if (paused) {
      throw new IllegalArgumentException("the schedule is paused: resume it first, or start a one-off drill"
          + " with `drillbook drill start`");
    }
    if (busy()) {
      String drill = running == null ? "a drill being started" : "drill " + running.drillId();
      if (spec.overlap() == OverlapPolicy.SKIP) {
        throw new IllegalArgumentException(drill + " is still running and the overlap policy is SKIP");
      }
      if (queued != null) {
        throw new IllegalArgumentException(drill + " is still running and a fire is already queued behind it");
      }
    }
  }

  @Override
  public FireRecord triggerNow(String actor) {
    return fire(new FireRequest(FireReason.TRIGGER, actor, Workflow.currentTimeMillis()));
  }

  @Override
  public void validateChangeCron(String actor, String cron, String timezone) {
    requireLive(actor);
    List<String> wrong = FireCalendar.problems(cron, timezone);
    if (!wrong.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", wrong));
    }
    if (cron.equals(this.cron) && timezone.equals(this.timezone)) {
      throw new IllegalArgumentException("the schedule already fires on '" + cron + "' in " + timezone);
    }
  }

  @Override
  public ScheduleState changeCron(String actor, String cron, String timezone) {
    String fromCron = this.cron;
    String fromTimezone = this.timezone;
    this.cron = cron;
    this.timezone = timezone;
    calendar = FireCalendar.of(cron, timezone);
    nextFire = paused ? null : computeNextFire(Workflow.currentTimeMillis());
    overdueCheck = null;
    changes++;
    log.info("schedule={} cron changed by {} to '{}' {}", spec.scheduleId(), actor, cron, timezone);
    journal.record(ScheduleEvents.CRON_CHANGED, actor, fields(
        "fromCron", fromCron,
        "fromTimezone", fromTimezone,
        "cron", cron,
        "timezone", timezone,
        "nextFireAtMillis", nextFire == null ? null : nextFire.fireAtMillis()));
    return state();
  }

  @Override
  public void validateDelete(String actor) {
    requireLive(actor);
  }

  @Override
  public void delete(String actor) {
    deletedBy = actor;
    FireRecord dropped = queued;
    queued = null;
    changes++;
    log.info("schedule={} deleted by {}", spec.scheduleId(), actor);
    journal.record(ScheduleEvents.DELETED, actor, fields(
        "droppedQueuedFire", dropped == null ? null : dropped.reason().name(),
        "runningDrillId", running == null ? null : running.drillId()));
  }

  private void requireLive(String actor) {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("a schedule change must name who makes it (actor)");
    }
    if (deletedBy != null) {
      throw new IllegalArgumentException("the schedule is deleted");
    }
  }

  /**
   * The next cron slot strictly after the last one consumed and after now, so slots missed while paused or
   * while no worker ran are not caught up, and its jitter.
   */
  private NextFire computeNextFire(long now) {
    FireCalendar cal = calendar;
    long after = lastSlotAt == null ? now : Math.max(now, lastSlotAt);
    long jitterBound = spec.jitter().toMillis();
    return Workflow.sideEffect(NextFire.class, () -> {
      long slot = cal.nextAfter(Instant.ofEpochMilli(after)).toEpochMilli();
      long jitter = jitterBound == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterBound + 1);
      return new NextFire(slot, slot + jitter);
    });
  }

  /**
   * Keeps the time the plan becomes overdue, so the loop wakes up then and {@link #state()} reports it without
   * lag. Evaluated again once that time has passed, since the interval around a later time may be longer.
   */
  private void checkOverdue(long now) {
    boolean stale = overdueCheck == null
        || (overdueCheck.checkedAtMillis() < overdueCheck.dueAtMillis() && overdueCheck.dueAtMillis() <= now);
    if (!stale) {
      return;
    }
    FireCalendar cal = calendar;
    Instant passed = instant(lastPassedAt);
    Instant created = Instant.ofEpochMilli(createdAt);
    overdueCheck = Workflow.sideEffect(OverdueCheck.class, () -> new OverdueCheck(now,
        overdueRule.dueBy(cal, Instant.ofEpochMilli(now), passed, created).toEpochMilli()));
  }

  /** The earliest of: the next fire and retest (unless paused), the next poll, the overdue time; null for none. */
  private Long wakeAt(long now) {
    Long at = null;
    if (!paused) {
      at = earliest(at, nextFire == null ? null : nextFire.fireAtMillis());
      at = earliest(at, retestAt);
    }
    if (running != null) {
      at = earliest(at, pollAt);
    }
    if (overdueCheck.dueAtMillis() > now) {
      at = earliest(at, overdueCheck.dueAtMillis());
    }
    return at;
  }

  /** The cron slot or the retest that has come due, consumed; null when nothing is due or the schedule is paused. */
  private FireRequest dueFire(long now) {
    if (paused) {
      return null;
    }
    if (nextFire != null && nextFire.fireAtMillis() <= now) {
      lastSlotAt = nextFire.slotAtMillis();
      nextFire = null;
      return new FireRequest(FireReason.CRON, self, lastSlotAt);
    }
    if (retestAt != null && retestAt <= now) {
      long at = retestAt;
      retestAt = null;
      return new FireRequest(FireReason.RETEST, self, at);
    }
    return null;
  }

  private boolean busy() {
    return running != null || startingDrill;
  }

  /**
   * Starts a drill, or applies the overlap policy when one is running or being started. A fire the loop took
   * before a wait (a poll, the record of a drill's end) may meet a delete or a pause that came during that
   * wait: it is skipped then, since the Update validators that keep a trigger from such a schedule cannot
   * stop a fire already taken.
   */
  private FireRecord fire(FireRequest request) {
    // Only a schedule deleted or paused meanwhile asks, so histories where that never happened are unchanged.
    if ((deletedBy != null || paused)
        && Workflow.getVersion(RECHECK_BEFORE_FIRE, Workflow.DEFAULT_VERSION, 1) == 1) {
      return skip(request, deletedBy != null ? "the schedule was deleted by " + deletedBy + " before the drill started"
          : "the schedule was paused before the drill started");
    }
    if (!busy()) {
      return startDrill(request);
    }
    String drill = running == null ? "a drill being started" : "drill " + running.drillId();
    if (spec.overlap() == OverlapPolicy.QUEUE && queued == null) {
      fired = true;
      changes++;
      queued = FireRecord.queued(request, Workflow.currentTimeMillis(), "behind " + drill);
      remember(queued);
      journal.record(ScheduleEvents.QUEUED, request.requestedBy(), fireFields(queued));
      return queued;
    }
    return skip(request, drill + " still running" + (queued == null ? " (overlap: skip)" : " and a fire already queued"));
  }

  private FireRecord skip(FireRequest request, String why) {
    fired = true;
    changes++;
    FireRecord skipped = FireRecord.skipped(request, Workflow.currentTimeMillis(), why);
    firesSkipped++;
    remember(skipped);
    log.info("schedule={} {} fire skipped: {}", spec.scheduleId(), request.reason(), skipped.note());
    journal.record(ScheduleEvents.SKIPPED, request.requestedBy(), fireFields(skipped));
    return skipped;
  }

  private FireRecord startDrill(FireRequest request) {
    startingDrill = true;
    fired = true;
    String drillId = Workflow.sideEffect(String.class, DrillId::newId);
    DrillWorkflow drill = Workflow.newChildWorkflowStub(DrillWorkflow.class, ChildWorkflowOptions.newBuilder()
        .setWorkflowId(drillId)
        .setTaskQueue(DrillWorkflow.TASK_QUEUE)
        // The drill outlives this run, which continues as new as soon as the drill has started.
        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
        .build());
    Async.function(drill::run, new DrillRequest(drillId, spec.plan(), spec.planSha256(), spec.planFile(),
        Trigger.SCHEDULE, self));
    FireRecord record;
    try {
      Workflow.getWorkflowExecution(drill).get();
      long now = Workflow.currentTimeMillis();
      record = FireRecord.started(request, now, drillId);
      running = record;
      drillsStarted++;
      // Any drill that starts is the retest of an earlier failure.
      retestAt = null;
      pollAt = now + FIRST_POLL.toMillis();
    } catch (ChildWorkflowFailure e) {
      // The server refused the start; the schedule goes on and the next fire tries again.
      record = FireRecord.notStarted(request, Workflow.currentTimeMillis(), drillId,
          "the drill workflow did not start: " + e.getCause().getClass().getSimpleName());
    } finally {
      startingDrill = false;
    }
    changes++;
    remember(record);
    log.info("schedule={} {} fire: drill={} {}", spec.scheduleId(), request.reason(), drillId, record.outcome());
    journal.record(record.outcome() == FireOutcome.STARTED ? ScheduleEvents.FIRED : ScheduleEvents.NOT_STARTED,
        request.requestedBy(), fireFields(record));
    return record;
  }

  /** Asks where the running drill stands; records its end and starts the queued fire, if any. */
  private void poll() {
    DrillOutcome outcome;
    try {
      outcome = outcomes.lookUp(running.drillId());
    } catch (ActivityFailure e) {
      log.warn("schedule={} drill={} outcome unavailable, asking again later", spec.scheduleId(), running.drillId());
      pollAt = Workflow.currentTimeMillis() + MAX_POLL.toMillis();
      return;
    }
    long now = Workflow.currentTimeMillis();
    if (outcome.status() == DrillOutcome.Status.RUNNING) {
      pollAt = now + pollDelay(now - running.atMillis());
      return;
    }
    // Taken before the end is recorded (which waits for the journal), so that a trigger handled meanwhile sees
    // no queued fire; fire() then applies the overlap policy if that trigger started a drill first.
    FireRecord next = queued;
    queued = null;
    drillEnded(outcome, now);
    if (next != null) {
      fire(next.request());
    }
  }

  /**
   * A PASS clears any retest; a FAILED drill arms a retest {@code retestAfter} after its end, as long as that
   * stays within the window of the first failure not yet followed by a pass. An ABORTED drill (or one whose
   * outcome is lost) arms nothing: someone stopped it on purpose, and the overdue rule still watches the plan.
   */
  private void drillEnded(DrillOutcome outcome, long now) {
    Verdict verdict = outcome.verdict();
    long endedAt = outcome.endedAtMillis() == null ? now : outcome.endedAtMillis();
    FireRecord ended = running.ended(verdict, endedAt);
    running = null;
    pollAt = null;
    lastEnded = ended;
    recent.replaceAll(r -> Objects.equals(r.drillId(), ended.drillId()) ? ended : r);
    if (verdict == Verdict.PASSED || verdict == Verdict.PASSED_WITH_OBSERVATIONS) {
      lastPassedAt = endedAt;
      retestAt = null;
      retestDueBy = null;
      overdueCheck = null;
    } else if (verdict == Verdict.FAILED) {
      if (retestDueBy == null) {
        retestDueBy = endedAt + spec.retestWindow().toMillis();
      }
      long at = endedAt + spec.retestAfter().toMillis();
      retestAt = at <= retestDueBy ? at : null;
    }
    changes++;
    log.info("schedule={} drill={} ended {} {}", spec.scheduleId(), ended.drillId(), outcome.status(), verdict);
    journal.record(ScheduleEvents.DRILL_ENDED, self, fields(
        "drillId", ended.drillId(),
        "status", outcome.status().name(),
        "verdict", verdict == null ? null : verdict.name(),
        "endedAtMillis", endedAt,
        "retestAtMillis", retestAt,
        "retestDueByMillis", retestDueBy));
  }

  private static Map<String, Object> fireFields(FireRecord fire) {
    return fields(
        "reason", fire.reason().name(),
        "outcome", fire.outcome().name(),
        "drillId", fire.drillId(),
        "dueAtMillis", fire.dueAtMillis(),
        "atMillis", fire.atMillis(),
        "note", fire.note());
  }

  private void remember(FireRecord fire) {
    recent.add(fire);
    if (recent.size() > RECENT_FIRES) {
      recent.remove(0);
    }
  }

  private ScheduleSpec nextSpec() {
    ScheduleLedger ledger = new ScheduleLedger(createdAt, journal.lastSeq(), drillsStarted, firesSkipped, lastSlotAt,
        running, queued, lastEnded, lastPassedAt, retestAt, retestDueBy, recent);
    return new ScheduleSpec(spec.scheduleId(), spec.plan(), spec.planSha256(), spec.planFile(), spec.createdBy(),
        cron, timezone, spec.jitter(), spec.overlap(), spec.retestAfter(), spec.retestWindow(), spec.overdueGrace(),
        paused, pausedReason, ledger);
  }

  /** A quarter of the drill's age, between 30 s and 5 minutes: quick drills are noticed quickly, long ones cheaply. */
  private static long pollDelay(long ageMillis) {
    return Math.min(MAX_POLL.toMillis(), Math.max(FIRST_POLL.toMillis(), ageMillis / 4));
  }

  private static Long earliest(Long a, Long b) {
    return a == null ? b : b == null ? a : Math.min(a, b);
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
