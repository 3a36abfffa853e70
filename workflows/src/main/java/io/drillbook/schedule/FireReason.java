package io.drillbook.schedule;

/** Why a schedule fired. */
public enum FireReason {
  /** The cron came due. */
  CRON,
  /** A drill of this schedule FAILED and its retest came due (see {@link ScheduleSpec#retestAfter()}). */
  RETEST,
  /** Someone asked for a drill now ({@link DrillSchedulerWorkflow#triggerNow}). */
  TRIGGER
}
