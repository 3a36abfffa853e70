package io.drillbook.drill;

/** Where one step is in its life. WAITING means an approval/manual step waits for a person. */
public enum StepState {
  PENDING,
  RUNNING,
  WAITING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }
}
