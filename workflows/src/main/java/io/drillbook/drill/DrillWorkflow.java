package io.drillbook.drill;

import io.temporal.failure.ApplicationFailure;
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

  /**
   * The failure type of a decision refused because the step's RACI does not name its actor, so that callers
   * (the HTTP API answers 403) tell it apart from a step that is merely not waiting (409).
   */
  String NOT_RACI_OWNER = "NotRaciOwner";

  /** How the message of such a refusal starts. */
  String RACI_REFUSAL = "refused by the step's RACI: ";

  /** Whether a refused {@code decide} was refused because the step's RACI does not name the actor. */
  static boolean refusedByRaci(ApplicationFailure failure) {
    // Temporal Java SDK 1.38 replaces the type of a failure thrown by an update validator with
    // WorkflowExecutionException (sdk-java#2875, fixed after 1.38), so the message tells it as well.
    return NOT_RACI_OWNER.equals(failure.getType()) || failure.getOriginalMessage().startsWith(RACI_REFUSAL);
  }

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
