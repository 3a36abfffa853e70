package io.drillbook.schedule;

import io.drillbook.drill.DrillResult;
import io.drillbook.drill.Verdict;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Instant;

/**
 * {@link DrillOutcomes} on a {@code WorkflowClient}: describe the drill's workflow, and read the result of one
 * that completed. Only the client is needed, so the worker can register this as it is.
 */
public final class ClientDrillOutcomes implements DrillOutcomes {

  private final WorkflowClient client;

  public ClientDrillOutcomes(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public DrillOutcome lookUp(String drillId) {
    WorkflowStub drill = client.newUntypedWorkflowStub(drillId);
    WorkflowExecutionDescription description;
    try {
      description = drill.describe();
    } catch (WorkflowNotFoundException e) {
      return new DrillOutcome(drillId, DrillOutcome.Status.NOT_FOUND, null, null);
    }
    WorkflowExecutionStatus status = description.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new DrillOutcome(drillId, DrillOutcome.Status.RUNNING, null, null);
    }
    Instant closed = description.getCloseTime();
    Verdict verdict = switch (status) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> drill.getResult(DrillResult.class).verdict();
      case WORKFLOW_EXECUTION_STATUS_CANCELED, WORKFLOW_EXECUTION_STATUS_TERMINATED -> Verdict.ABORTED;
      default -> Verdict.FAILED;
    };
    return new DrillOutcome(drillId, DrillOutcome.Status.ENDED, verdict, closed == null ? null : closed.toEpochMilli());
  }
}
