package io.drillbook.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Where a schedule's changes go as evidence: who created, paused, resumed, triggered, re-timed or deleted it,
 * and every fire with the drill it started. Implemented on the evidence store, as a hash-chained stream of its
 * own whose ID is the schedule ID; idempotent by (scheduleId, seq), because the workflow retries a record until
 * it is stored and events arrive in seq order.
 */
@ActivityInterface
public interface ScheduleEvents {

  String CREATED = "schedule.created";
  String PAUSED = "schedule.paused";
  String RESUMED = "schedule.resumed";
  String CRON_CHANGED = "schedule.cron-changed";
  String DELETED = "schedule.deleted";
  /** A drill started (reason CRON, RETEST or TRIGGER). */
  String FIRED = "schedule.fired";
  String QUEUED = "schedule.queued";
  String SKIPPED = "schedule.skipped";
  String NOT_STARTED = "schedule.not-started";
  /** A drill of the schedule ended (verdict, and the retest it arms after a failure). */
  String DRILL_ENDED = "schedule.drill-ended";

  @ActivityMethod(name = "RecordScheduleEvent")
  void record(ScheduleEvent event);

  /**
   * Closes the stream of a deleted schedule once nothing more can be recorded (anchors it in the tenant's
   * chain, so removing the stream or its last events is detected). A live schedule is never sealed: a sealed
   * stream takes no more events. Idempotent.
   */
  @ActivityMethod(name = "SealScheduleEvents")
  void seal(String tenant, String scheduleId);
}
