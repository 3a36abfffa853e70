package io.drillbook.drill;

import io.drillbook.plan.Step;
import java.util.Map;

/** One step as the drill runs it: the plan's step and what has happened to it so far. Workflow state. */
final class StepRun {

  final Step step;
  final boolean cleanup;
  StepState state = StepState.PENDING;
  long startedAt;
  long endedAt;
  String error;
  Map<String, Object> outputs = Map.of();
  /** Set by the {@code decide} Update while the step is WAITING; read by the waiting step. */
  StepDecision decision;

  StepRun(Step step, boolean cleanup) {
    this.step = step;
    this.cleanup = cleanup;
  }

  String id() {
    return step.id();
  }

  boolean awaitsDecision() {
    return state == StepState.WAITING && decision == null;
  }

  /** Whether the step started at all (it may have created something even if it then failed). */
  boolean started() {
    return startedAt > 0;
  }

  void start(long now) {
    state = StepState.RUNNING;
    startedAt = now;
  }

  void end(StepState finalState, long now, String why) {
    state = finalState;
    endedAt = now;
    error = why;
  }

  long durationMillis() {
    return endedAt - startedAt;
  }

  StepProgress progress() {
    return new StepProgress(
        step.id(), step.action().yamlName(), cleanup, state, startedAt, endedAt, step.raci(), error, outputs);
  }
}
