package io.drillbook.drill;

/**
 * The event types a drill writes to the traceability log, and the actors it writes for itself. Reports and
 * the portal read these names; an event type, once written, is never renamed.
 */
public final class EvidenceEvents {

  public static final String DRILL_STARTED = "drill.started";
  public static final String DRILL_ABORTED = "drill.aborted";
  public static final String DRILL_COMPLETED = "drill.completed";

  public static final String STEP_STARTED = "step.started";
  public static final String STEP_COMPLETED = "step.completed";
  public static final String STEP_FAILED = "step.failed";
  public static final String STEP_SKIPPED = "step.skipped";
  /** A running or waiting step stopped because the drill was aborted or another step failed. */
  public static final String STEP_CANCELLED = "step.cancelled";

  public static final String APPROVAL_REQUESTED = "approval.requested";
  public static final String APPROVAL_GRANTED = "approval.granted";
  public static final String APPROVAL_DENIED = "approval.denied";
  public static final String APPROVAL_ESCALATED = "approval.escalated";
  public static final String APPROVAL_EXPIRED = "approval.expired";
  public static final String MANUAL_COMPLETED = "manual.completed";

  public static final String CLEANUP_STARTED = "cleanup.started";
  public static final String CLEANUP_COMPLETED = "cleanup.completed";
  public static final String CLEANUP_FAILED = "cleanup.failed";
  public static final String CLEANUP_SKIPPED = "cleanup.skipped";

  /**
   * The sweeper's own streams: a drill's chain is sealed once anchored, so what the worker's sweeper removes
   * after a drill is recorded as a short stream of its own, under the drill's tenant.
   */
  public static final String SWEEP_STARTED = "sweep.started";
  public static final String SWEEP_COMPLETED = "sweep.completed";
  /** A resource a drill left behind was removed by the sweeper. */
  public static final String RESOURCE_RECLAIMED = "resource.reclaimed";
  /** A resource a drill left behind could not be removed: it outlives its drill until someone does. */
  public static final String RESOURCE_LEAKED = "resource.leaked";
  /** The actor of the sweeper's streams. */
  public static final String SWEEPER_ACTOR = "drillbook-sweeper";

  /** The actor of events drillbook records on its own (a step starting, a timeout firing). */
  public static final String SYSTEM_ACTOR = "drillbook";

  /** The actor of {@code drill.aborted} when the workflow was cancelled through Temporal rather than aborted. */
  public static final String CANCEL_ACTOR = "temporal-cancel";

  private EvidenceEvents() {}
}
