package io.drillbook.runtime;

import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceStore;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a drill may still be running, as the sweeper asks it before removing a resource without
 * {@code keepFor}. A drill runs while the evidence has its {@code drill.started} and no
 * {@code drill.completed}, unless Temporal says its workflow is over: closed (terminated, timed out), or
 * unknown to a service that every worker of this home shares (the drill ran on an embedded server that died
 * with its process, and nothing will ever complete it). Unknown to the evidence: ended, as the sweeper has
 * it. In doubt (a store or Temporal that does not answer), running: a sweep that removes nothing is tried
 * again; a removed cluster is gone.
 */
final class DrillLiveness implements Predicate<String> {

  private static final Logger log = LoggerFactory.getLogger(DrillLiveness.class);

  private final EvidenceStore evidence;
  private final WorkflowClient temporal;
  private final LiveWorkers workers;
  private final String service;

  DrillLiveness(EvidenceStore evidence, WorkflowClient temporal, LiveWorkers workers, String service) {
    this.evidence = evidence;
    this.temporal = temporal;
    this.workers = workers;
    this.service = service;
  }

  @Override
  public boolean test(String drillId) {
    try {
      Optional<DrillSummary> drill = evidence.drill(drillId);
      if (drill.isEmpty() || drill.get().endedAt() != null) {
        return false;
      }
      return workflowMayRun(drillId);
    } catch (Exception e) {
      log.warn("drill={} cannot tell whether it still runs, so its resources stay for now: {}", drillId, e.toString());
      return true;
    }
  }

  private boolean workflowMayRun(String drillId) throws java.io.IOException {
    try {
      WorkflowExecutionStatus status = temporal.newUntypedWorkflowStub(drillId).describe().getStatus();
      return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
          || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    } catch (WorkflowNotFoundException e) {
      return !workers.othersAllServe(service);
    }
  }
}
