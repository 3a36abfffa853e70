package io.drillbook.plan;

/** What a failed step does to the drill: abort it (cleanup, verdict FAILED) or continue with an observation. */
public enum OnFailure {
  ABORT,
  CONTINUE
}
