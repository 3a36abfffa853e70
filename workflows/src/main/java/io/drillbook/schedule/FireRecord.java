package io.drillbook.schedule;

import io.drillbook.drill.Verdict;

/**
 * One fire in a schedule's history: why and by whom, when it was due and when it was handled, what came of
 * it. The record of a started drill gets the drill's verdict and end time once the drill ends.
 *
 * @param dueAtMillis the cron slot (before jitter), the retest time, or the moment of the trigger
 * @param atMillis when the fire was handled: the drill's start, the skip, the queueing
 * @param drillId set for STARTED and NOT_STARTED
 * @param verdict null until the drill ends, and when its outcome could not be found (history expired)
 * @param endedAtMillis null until the drill ends
 * @param note why a fire was skipped, queued or not started; null for a started drill
 */
public record FireRecord(
    FireReason reason,
    String requestedBy,
    long dueAtMillis,
    long atMillis,
    FireOutcome outcome,
    String drillId,
    Verdict verdict,
    Long endedAtMillis,
    String note) {

  static FireRecord started(FireRequest fire, long at, String drillId) {
    return new FireRecord(fire.reason(), fire.requestedBy(), fire.dueAtMillis(), at, FireOutcome.STARTED, drillId,
        null, null, null);
  }

  static FireRecord notStarted(FireRequest fire, long at, String drillId, String why) {
    return new FireRecord(fire.reason(), fire.requestedBy(), fire.dueAtMillis(), at, FireOutcome.NOT_STARTED,
        drillId, null, null, why);
  }

  static FireRecord queued(FireRequest fire, long at, String why) {
    return new FireRecord(fire.reason(), fire.requestedBy(), fire.dueAtMillis(), at, FireOutcome.QUEUED, null,
        null, null, why);
  }

  static FireRecord skipped(FireRequest fire, long at, String why) {
    return new FireRecord(fire.reason(), fire.requestedBy(), fire.dueAtMillis(), at, FireOutcome.SKIPPED, null,
        null, null, why);
  }

  FireRecord ended(Verdict verdict, long endedAt) {
    return new FireRecord(reason, requestedBy, dueAtMillis, atMillis, outcome, drillId, verdict, endedAt, note);
  }

  /** The fire a QUEUED record stands for, to start it when the running drill ends. */
  FireRequest request() {
    return new FireRequest(reason, requestedBy, dueAtMillis);
  }
}
