package io.drillbook.schedule;

import io.drillbook.drill.Verdict;

/**
 * Where a drill started by a schedule stands.
 *
 * @param verdict for ENDED: the drill's own verdict; FAILED when its workflow failed or timed out, ABORTED
 *     when it was cancelled or terminated. Null otherwise.
 * @param endedAtMillis for ENDED: when the drill workflow closed
 */
public record DrillOutcome(String drillId, Status status, Verdict verdict, Long endedAtMillis) {

  public enum Status {
    RUNNING,
    ENDED,
    /** Temporal no longer knows the drill (its history passed the namespace retention). */
    NOT_FOUND
  }
}
