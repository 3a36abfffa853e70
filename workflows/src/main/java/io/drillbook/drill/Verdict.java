package io.drillbook.drill;

/** The outcome of a drill as the report states it. */
public enum Verdict {
  PASSED,
  PASSED_WITH_OBSERVATIONS,
  FAILED,
  ABORTED
}
