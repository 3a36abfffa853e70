package io.drillbook.service;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.StepDecision;
import io.drillbook.drill.StepState;
import io.drillbook.service.ServiceRefusal.Kind;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a person or a script can do to drills on a running Temporal: start, follow, decide, abort. The CLI
 * and the HTTP API (through {@link DrillAccess}, which scopes it to a caller) use it: one implementation of
 * each action. Failures a user can fix come back as a {@link ServiceRefusal} with the reason the workflow gave.
 */
public final class DrillService {
  private final WorkflowClient client;
  private final WorkerAnswer answer;

  public DrillService(WorkflowClient client) {
    this(client, WorkerAnswer.DEFAULT_WAIT);
  }

  /** @param answerWait how long a decision or an abort waits for a worker to answer it */
  public DrillService(WorkflowClient client, Duration answerWait) {
    this.client = client;
    this.answer = new WorkerAnswer(answerWait);
  }

  /** The Temporal client, for the other services of the same connection (schedules). */
  public WorkflowClient client() {
    return client;
  }

  public void start(DrillRequest request) {
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(request.drillId())
        .setTaskQueue(DrillWorkflow.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build();
    DrillWorkflow drill = client.newWorkflowStub(DrillWorkflow.class, options);
    try {
      WorkflowClient.start(drill::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ServiceRefusal(Kind.CONFLICT, "a drill with ID " + request.drillId() + " already exists",
          "start it again to get a new ID");
    }
  }

  public DrillProgress progress(String drillId) {
    return call(drillId, () -> stub(drillId).progress());
  }

  public StepState decide(String drillId, StepDecision decision) {
    return answer.await("drill " + drillId, "decision on step " + decision.stepId(), status(drillId),
        () -> call(drillId, () -> stub(drillId).decide(decision)));
  }

  public void abort(String drillId, AbortRequest request) {
    answer.await("drill " + drillId, "abort", status(drillId), () -> call(drillId, () -> {
      stub(drillId).abort(request);
      return null;
    }));
  }

  private static String status(String drillId) {
    return "drillbook drill status " + drillId;
  }

  /** Completes when the drill's workflow ends. */
  public CompletableFuture<DrillResult> result(String drillId) {
    return WorkflowStub.fromTyped(stub(drillId)).getResultAsync(DrillResult.class);
  }

  private DrillWorkflow stub(String drillId) {
    return client.newWorkflowStub(DrillWorkflow.class, drillId);
  }

  private static <T> T call(String drillId, java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (WorkflowNotFoundException e) {
      throw new ServiceRefusal(Kind.NOT_FOUND, "no drill " + drillId + " on this Temporal service",
          "check the ID with `drillbook drill list`, and that TEMPORAL_ADDRESS points where the drill runs");
    } catch (RuntimeException e) {
      ApplicationFailure reason = TemporalFailures.refusal(e);
      if (reason != null) {
        // The RACI refusal is the caller's to fix (ask the right person); any other one is the drill's state.
        Kind kind = DrillWorkflow.refusedByRaci(reason) ? Kind.FORBIDDEN : Kind.CONFLICT;
        throw new ServiceRefusal(kind, "drill " + drillId + " refused the request: " + reason.getOriginalMessage(), null);
      }
      if (TemporalFailures.unreachable(e)) {
        throw TemporalFailures.unanswered("drill " + drillId, e);
      }
      throw e;
    }
  }
}
