package io.drillbook.schedule;

import java.util.List;

/**
 * What a schedule remembers from one run to the next (it continues as new after every fire). Null at
 * creation: the first run starts an empty ledger dated from its own start.
 *
 * @param lastEventSeq the seq of the last {@link ScheduleEvent} recorded, so the next run goes on from it
 * @param drillsStarted drills this schedule started (STARTED fires)
 * @param firesSkipped fires that started nothing because a drill was running
 * @param lastSlotAtMillis the last cron slot consumed (fired or skipped); the next slot is after it and after now
 * @param running the STARTED fire whose drill has not ended yet, or null
 * @param queued the QUEUED fire waiting for {@code running} to end, or null
 * @param lastEnded the last STARTED fire whose drill ended, with its verdict, or null
 * @param lastPassedAtMillis when the last PASSED or PASSED_WITH_OBSERVATIONS drill ended, or null
 * @param retestAtMillis when the retest of a FAILED drill fires, or null
 * @param retestDueByMillis the end of the retest window of the first failure not yet followed by a pass, or null
 * @param recent the last fires, oldest first (at most {@link DrillSchedulerWorkflowImpl#RECENT_FIRES})
 */
public record ScheduleLedger(
    long createdAtMillis,
    long lastEventSeq,
    long drillsStarted,
    long firesSkipped,
    Long lastSlotAtMillis,
    FireRecord running,
    FireRecord queued,
    FireRecord lastEnded,
    Long lastPassedAtMillis,
    Long retestAtMillis,
    Long retestDueByMillis,
    List<FireRecord> recent) {

  public ScheduleLedger {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }

  static ScheduleLedger startedAt(long createdAtMillis) {
    return new ScheduleLedger(createdAtMillis, 0, 0, 0, null, null, null, null, null, null, null, List.of());
  }
}
