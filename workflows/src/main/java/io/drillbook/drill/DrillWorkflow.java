package io.drillbook.drill;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Carries out one frozen plan: the step DAG, RACI on every step, evidence for every event, cleanup always.
 * The workflow ID is the drill ID.
 */
@WorkflowInterface
public interface DrillWorkflow {

  String TASK_QUEUE = "drillbook";

  @WorkflowMethod
  DrillResult run(DrillRequest request);

  @QueryMethod
  DrillProgress progress();

  /** Approve/deny an approval step or complete a manual step. Returns the resulting step state. */
  @UpdateMethod
  StepState decide(StepDecision decision);

  /** Rejects, before anything is written to history, a decision for a step that is not waiting or by the wrong person. */
  @UpdateValidatorMethod(updateName = "decide")
  void validateDecide(StepDecision decision);

  /** Abort: cancel the running steps, run cleanup, verdict ABORTED. */
  @UpdateMethod
  void abort(AbortRequest request);

  /** Rejects, before anything is written to history, an abort without an actor or one that can change nothing. */
  @UpdateValidatorMethod(updateName = "abort")
  void validateAbort(AbortRequest request);
}
