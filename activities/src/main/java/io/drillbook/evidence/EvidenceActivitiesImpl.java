package io.drillbook.evidence;

import io.drillbook.drill.EvidenceActivities;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.temporal.failure.ApplicationFailure;

/**
 * The workflow's traceability log, backed by the evidence store. Refusals become Temporal failures whose
 * retryability says what to do: an out-of-order append (parallel steps) is retried until its predecessor is
 * stored; a conflict ({@code EvidenceConflict}) or a malformed event ({@code EvidenceInvalid}) never heals by
 * retrying. Database outages surface as ordinary, retryable failures. Each event this worker writes is
 * then handed to the {@link EvidenceListener} (metrics); retries and replays of a stored event are not.
 */
public final class EvidenceActivitiesImpl implements EvidenceActivities {

  private final EvidenceStore store;
  private final EvidenceListener listener;

  public EvidenceActivitiesImpl(EvidenceStore store) {
    this(store, event -> {});
  }

  public EvidenceActivitiesImpl(EvidenceStore store, EvidenceListener listener) {
    this.store = store;
    this.listener = listener;
  }

  @Override
  public EvidenceReceipt append(EvidenceAppend event) {
    EvidenceStore.Appended appended;
    try {
      appended = store.appendReporting(event);
    } catch (EvidenceRejectedException e) {
      throw failure(e);
    }
    if (appended.written()) {
      listener.recorded(event);
    }
    return appended.receipt();
  }

  @Override
  public EvidenceReceipt anchor(String tenant, String drillId) {
    try {
      return store.anchor(tenant, drillId);
    } catch (EvidenceRejectedException e) {
      throw failure(e);
    }
  }

  /** The Temporal failure of a refusal; shared with {@link ScheduleEvidence}, whose retries follow the same rules. */
  static ApplicationFailure failure(EvidenceRejectedException e) {
    return switch (e.reason()) {
      case OUT_OF_ORDER -> ApplicationFailure.newFailureWithCause(e.getMessage(), "EvidenceOutOfOrder", e);
      case CONFLICT -> ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), "EvidenceConflict", e);
      case INVALID -> ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), "EvidenceInvalid", e);
    };
  }
}
