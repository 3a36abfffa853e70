package io.drillbook.schedule;

/** What came of a fire. */
public enum FireOutcome {
  /** A drill started; its verdict is filled in when it ends. */
  STARTED,
  /** The previous drill was still running and the overlap policy is QUEUE: it starts when that drill ends. */
  QUEUED,
  /** The previous drill was still running (overlap SKIP, or a fire was already queued): no drill. */
  SKIPPED,
  /** The drill workflow could not be started; the note says why. */
  NOT_STARTED
}
