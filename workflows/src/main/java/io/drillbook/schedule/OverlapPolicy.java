package io.drillbook.schedule;

/** What a fire does when the schedule's previous drill is still running. */
public enum OverlapPolicy {
  /** The fire is recorded as skipped; the running drill is the test of that period. */
  SKIP,
  /** The fire waits and starts as soon as the running drill ends; at most one fire waits, later ones are skipped. */
  QUEUE
}
