package io.drillbook.schedule;

import io.drillbook.plan.Plan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input of a {@link DrillSchedulerWorkflow}: which frozen plan to drill, when, and what the schedule
 * remembers from its earlier runs. The tenant and the plan name travel here, never in the workflow ID.
 *
 * <p>Each fire starts a drill of {@code plan} exactly as it was when the schedule was created (or last
 * replaced): a later edit of the YAML file needs a new schedule, like a manual drill needs a new start.
 *
 * @param scheduleId the workflow ID, {@code sch-} + ULID ({@link ScheduleId})
 * @param createdBy who created the schedule
 * @param cron UNIX cron, 5 fields, read in {@code timezone}
 * @param timezone IANA zone name; UTC when the plan names none
 * @param jitter each cron fire waits a random time in [0, jitter] so that many tenants' 03:00 drills do not
 *     hit the same cloud account at once; zero by default, at most {@link #MAX_JITTER}
 * @param overlap what a fire does while the previous drill still runs
 * @param retestAfter after a FAILED drill, a retest fires this long after its end unless the cron fires first
 * @param retestWindow retests are armed while within this window of the first failure not yet followed by a
 *     pass (the contract wants a retest within 30 days of a failure); after it, only the cron fires
 * @param overdueGrace the grace period of the {@link OverdueRule}
 * @param pausedReason required when paused
 * @param ledger what earlier runs remember; null when the schedule is created
 */
public record ScheduleSpec(
    String scheduleId,
    Plan plan,
    String planSha256,
    String planFile,
    String createdBy,
    String cron,
    String timezone,
    Duration jitter,
    OverlapPolicy overlap,
    Duration retestAfter,
    Duration retestWindow,
    Duration overdueGrace,
    boolean paused,
    String pausedReason,
    ScheduleLedger ledger) {

  public static final Duration DEFAULT_RETEST_AFTER = Duration.ofDays(1);
  /** Default and longest retest window: DOMAIN.md, a retest is due within 30 days after a failure. */
  public static final Duration RETEST_WINDOW = Duration.ofDays(30);
  /** A drill must stay in its maintenance window: jitter spreads load, it does not move drills around. */
  public static final Duration MAX_JITTER = Duration.ofHours(1);
  /** A plan without {@code metadata.timezone} is read in UTC (docs/plan-format.md). */
  public static final String DEFAULT_TIMEZONE = "UTC";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ScheduleSpec {
    jitter = jitter == null ? Duration.ZERO : jitter;
    overlap = overlap == null ? OverlapPolicy.SKIP : overlap;
    retestAfter = retestAfter == null ? DEFAULT_RETEST_AFTER : retestAfter;
    retestWindow = retestWindow == null ? RETEST_WINDOW : retestWindow;
    overdueGrace = overdueGrace == null ? OverdueRule.DEFAULT_GRACE : overdueGrace;
  }

  /**
   * A new, running schedule for a validated plan, on the plan's own {@code metadata.schedule} and
   * {@code metadata.timezone}, with the defaults: no jitter, overlap SKIP, retest 1 day after a failure within
   * 30 days, 5 days of grace before overdue.
   */
  public static ScheduleSpec forPlan(String scheduleId, Plan plan, String planSha256, String planFile, String createdBy) {
    String cron = plan == null || plan.metadata() == null ? null : plan.metadata().schedule();
    String zone = plan == null || plan.metadata() == null || plan.metadata().timezone() == null
        ? DEFAULT_TIMEZONE : plan.metadata().timezone();
    return new ScheduleSpec(scheduleId, plan, planSha256, planFile, createdBy, cron, zone, null, null, null, null,
        null, false, null, null);
  }

  /** The same schedule on another cron and zone (the CLI's {@code --cron} and {@code --timezone}). */
  public ScheduleSpec withCron(String cron, String timezone) {
    return new ScheduleSpec(scheduleId, plan, planSha256, planFile, createdBy, cron, timezone, jitter, overlap,
        retestAfter, retestWindow, overdueGrace, paused, pausedReason, ledger);
  }

  public ScheduleSpec withJitter(Duration jitter) {
    return new ScheduleSpec(scheduleId, plan, planSha256, planFile, createdBy, cron, timezone, jitter, overlap,
        retestAfter, retestWindow, overdueGrace, paused, pausedReason, ledger);
  }

  public ScheduleSpec withOverlap(OverlapPolicy overlap) {
    return new ScheduleSpec(scheduleId, plan, planSha256, planFile, createdBy, cron, timezone, jitter, overlap,
        retestAfter, retestWindow, overdueGrace, paused, pausedReason, ledger);
  }

  public ScheduleSpec withRetest(Duration retestAfter, Duration retestWindow) {
    return new ScheduleSpec(scheduleId, plan, planSha256, planFile, createdBy, cron, timezone, jitter, overlap,
        retestAfter, retestWindow, overdueGrace, paused, pausedReason, ledger);
  }

  public String tenant() {
    return plan.metadata().tenant();
  }

  /** Everything wrong with this schedule, each with how to fix it; empty when it can run. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!ScheduleId.isValid(scheduleId)) {
      problems.add("scheduleId must be sch- followed by a ULID (ScheduleId.newId())");
    }
    if (plan == null || plan.metadata() == null) {
      problems.add("no plan: a schedule drills a validated plan");
    } else if (blank(plan.metadata().tenant()) || blank(plan.metadata().name())) {
      problems.add("the plan has no tenant or no name: validate it first (drillbook plan validate)");
    }
    if (planSha256 == null || !SHA256.matcher(planSha256).matches()) {
      problems.add("planSha256 must be the SHA-256 of the plan file, 64 lower-case hex digits");
    }
    if (blank(createdBy)) {
      problems.add("a schedule must name who created it (createdBy)");
    }
    problems.addAll(FireCalendar.problems(cron, timezone));
    if (jitter.isNegative() || jitter.compareTo(MAX_JITTER) > 0) {
      problems.add("jitter must be between 0 and " + MAX_JITTER.toMinutes() + " minutes");
    }
    if (retestWindow.isNegative() || retestWindow.isZero() || retestWindow.compareTo(RETEST_WINDOW) > 0) {
      problems.add("the retest window must be positive and at most " + RETEST_WINDOW.toDays() + " days");
    }
    if (retestAfter.isNegative() || retestAfter.isZero() || retestAfter.compareTo(retestWindow) > 0) {
      problems.add("retestAfter must be positive and within the retest window (" + retestWindow.toDays() + " days)");
    }
    if (overdueGrace.isNegative()) {
      problems.add("the overdue grace period cannot be negative");
    }
    if (paused && blank(pausedReason)) {
      problems.add("a paused schedule needs the reason it is paused");
    }
    return problems;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
