package io.drillbook.drill;

import io.drillbook.plan.Raci;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The workflow's side of the traceability log. Each event gets the next seq and the workflow time when it is
 * recorded, and events reach the store strictly one after the other in that order (the store chains each
 * event to seq-1), however many steps run in parallel: a ticket per call, served first come first served.
 *
 * <p>Appends run in a detached cancellation scope: cancelling a step must never cut an append in half, or the
 * next event would reuse a seq the store may already hold.
 *
 * <p>{@code drill.started} comes first: an abort delivered with the start runs its handler before {@code run()}
 * records the start, and without waiting it would take seq 1, so the evidence would show the drill aborted
 * before it started.
 */
final class EvidenceLog {

  private static final Logger log = Workflow.getLogger(EvidenceLog.class);
  /** The change id of recording the start before an event that raced it ({@code Workflow.getVersion}). */
  private static final String START_FIRST = "start-first";

  private final EvidenceActivities store =
      Workflow.newLocalActivityStub(EvidenceActivities.class, StepActivityOptions.evidenceOptions());
  private final String tenant;
  private final String drillId;
  private final Runnable onBroken;

  private long issued;
  private long appended;
  private boolean startPending = true;
  private String lastHash;
  private EvidenceAppend failedEvent;
  private ActivityFailure failure;

  /** @param onBroken called once when the store refuses an event for good, so the drill stops starting work */
  EvidenceLog(String tenant, String drillId, Runnable onBroken) {
    this.tenant = tenant;
    this.drillId = drillId;
    this.onBroken = onBroken;
  }

  /** Records one event and returns once it is stored (or once the log is broken, when it writes nothing). */
  void record(String type, String stepId, Raci raci, String actor, Map<String, Object> payload) {
    if (EvidenceEvents.DRILL_STARTED.equals(type)) {
      startPending = false;
    } else if (startPending
        // Asked only when an event beats the start, so histories where that never happened are unchanged.
        && Workflow.getVersion(START_FIRST, Workflow.DEFAULT_VERSION, 1) == 1) {
      Workflow.await(() -> !startPending);
    }
    long seq = ++issued;
    EvidenceAppend event = new EvidenceAppend(
        tenant, drillId, seq, type, stepId, raci, actor, Workflow.currentTimeMillis(), payload);
    Workflow.newDetachedCancellationScope(() -> {
      Workflow.await(() -> appended == seq - 1 || isBroken());
      if (isBroken()) {
        return;
      }
      while (true) {
        try {
          lastHash = store.append(event).hash();
          appended = seq;
          log.info("drill={} tenant={} step={} seq={} event={}", drillId, tenant, stepId, seq, type);
          return;
        } catch (ActivityFailure e) {
          if (e.getRetryState() != RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE) {
            log.warn("drill={} tenant={} step={} seq={} event={} store unavailable, trying again",
                drillId, tenant, stepId, seq, type);
            continue;
          }
          failedEvent = event;
          failure = e;
          log.error("drill={} tenant={} step={} seq={} event={} refused by the store", drillId, tenant, stepId, seq, type);
          onBroken.run();
          return;
        }
      }
    }).run();
  }

  /** Anchors the drill's last hash in the tenant's chain (after {@code drill.completed}). */
  void anchor() {
    Workflow.newDetachedCancellationScope(() -> store.anchor(tenant, drillId)).run();
  }

  boolean isBroken() {
    return failure != null;
  }

  ActivityFailure failure() {
    return failure;
  }

  EvidenceAppend failedEvent() {
    return failedEvent;
  }

  long lastSeq() {
    return appended;
  }

  String lastHash() {
    return lastHash;
  }
}
