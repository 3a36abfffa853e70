package io.drillbook.drill;

import java.util.List;

/**
 * Live progress of a drill (the {@code progress} query): each step's state, times and RACI, elapsed time
 * against the RTO target, and the verdict once the drill has ended (null before).
 */
public record DrillProgress(
    String drillId,
    String planName,
    String tenant,
    long startedAt,
    long now,
    Long rtoTargetMillis,
    List<StepProgress> steps,
    Verdict verdict) {

  public long done() {
    return steps.stream().filter(s -> !s.cleanup() && s.state().isFinal()).count();
  }

  public long total() {
    return steps.stream().filter(s -> !s.cleanup()).count();
  }
}
