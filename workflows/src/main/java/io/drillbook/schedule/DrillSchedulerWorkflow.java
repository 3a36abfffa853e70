package io.drillbook.schedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Puts one plan of one tenant on a calendar: at each cron fire (in the schedule's time zone) it starts a
 * {@code DrillWorkflow} as an abandoned child, then continues as new. The workflow ID is the schedule ID
 * ({@code sch-} + ULID). Runs until deleted; returns its last state.
 *
 * <p>Every change is an Update whose validator rejects bad input before anything is written to history, and
 * every change and fire is recorded through {@link ScheduleEvents}. See docs/schedules.md.
 */
@WorkflowInterface
public interface DrillSchedulerWorkflow {

  @WorkflowMethod
  ScheduleState run(ScheduleSpec spec);

  @QueryMethod
  ScheduleState state();

  /** No drill starts until {@link #resume}; a running drill goes on, a queued fire is dropped. */
  @UpdateMethod
  ScheduleState pause(String actor, String reason);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(String actor, String reason);

  /** Fires resume from the next cron time after now (missed ones are not caught up); a due retest fires at once. */
  @UpdateMethod
  ScheduleState resume(String actor);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(String actor);

  /**
   * Starts a drill now, or queues it behind the running drill under overlap QUEUE. Rejected while paused, and
   * while a drill runs under SKIP or a fire is already queued.
   */
  @UpdateMethod
  FireRecord triggerNow(String actor);

  @UpdateValidatorMethod(updateName = "triggerNow")
  void validateTriggerNow(String actor);

  /** The next fire is recomputed from now on the new cron and zone. */
  @UpdateMethod
  ScheduleState changeCron(String actor, String cron, String timezone);

  @UpdateValidatorMethod(updateName = "changeCron")
  void validateChangeCron(String actor, String cron, String timezone);

  /** Ends the schedule. A running drill goes on to its end; a queued fire is dropped. */
  @UpdateMethod
  void delete(String actor);

  @UpdateValidatorMethod(updateName = "delete")
  void validateDelete(String actor);
}
