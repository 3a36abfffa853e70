package io.drillbook.schedule;

import io.drillbook.drill.Verdict;
import io.drillbook.plan.PlanType;
import java.util.List;

/**
 * A schedule as {@code drillbook schedule show}, the API and the metrics see it ({@link DrillSchedulerWorkflow#state()}).
 * Times are epoch milliseconds of workflow time.
 *
 * @param nextFireAtMillis the next cron fire (jitter included) or retest, whichever comes first; null while
 *     paused or deleted
 * @param nextFireReason CRON or RETEST; null with {@code nextFireAtMillis}
 * @param lastDrillId the last drill of this schedule that ended (a running one is {@code runningDrillId})
 * @param lastVerdict its verdict; null when none ended yet or its outcome could not be found
 * @param lastFiredAtMillis when that drill started
 * @param lastPassedAtMillis when the last PASSED or PASSED_WITH_OBSERVATIONS drill ended
 * @param queued a fire waits for the running drill (overlap QUEUE)
 * @param fires drills this schedule started
 * @param skipped fires that started nothing because a drill was running
 * @param retestDueByMillis the end of the retest window of an unresolved failure, or null
 * @param overdue per {@link OverdueRule}, at the workflow's current time (the workflow wakes up when the
 *     plan becomes overdue, so the flag does not lag)
 * @param overdueAtMillis when the plan is overdue unless a drill passes first
 * @param recent the last fires, oldest first
 */
public record ScheduleState(
    String scheduleId,
    String tenant,
    String planName,
    PlanType planType,
    String cron,
    String timezone,
    OverlapPolicy overlap,
    boolean paused,
    String pausedReason,
    Long nextFireAtMillis,
    FireReason nextFireReason,
    String lastDrillId,
    Verdict lastVerdict,
    Long lastFiredAtMillis,
    Long lastPassedAtMillis,
    String runningDrillId,
    boolean queued,
    long fires,
    long skipped,
    Long retestDueByMillis,
    boolean overdue,
    Long overdueAtMillis,
    long createdAtMillis,
    boolean deleted,
    List<FireRecord> recent) {}
