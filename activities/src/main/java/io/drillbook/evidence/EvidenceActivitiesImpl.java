package io.drillbook.evidence;

import io.drillbook.drill.EvidenceActivities;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.temporal.failure.ApplicationFailure;

/**
 * The workflow's traceability log, backed by the evidence store. Refusals become Temporal failures whose
 * retryability says what to do: a conflict ({@code EvidenceConflict}), a malformed event ({@code EvidenceInvalid})
 * or a missing predecessor ({@code EvidenceLost}) never heals by retrying, so the drill stops and says why.
 * Database outages surface as ordinary, retryable failures. Each event this worker writes is
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
      throw e.reason() == EvidenceRejectedException.Reason.OUT_OF_ORDER ? lost(event) : failure(e);
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

  /**
   * A drill sends seq N only once the store acknowledged seq N - 1, so a store without it lost an acknowledged
   * event or is not the store that acknowledged it. Retrying would wait forever for an event that never comes.
   */
  private static ApplicationFailure lost(EvidenceAppend event) {
    return ApplicationFailure.newNonRetryableFailure("drill " + event.drillId() + ": the evidence store does not"
        + " hold seq " + (event.seq() - 1) + ", which it acknowledged earlier, so seq " + event.seq() + " ("
        + event.type() + ") cannot be chained to it. Either this worker records into another evidence store than"
        + " the worker that ran the drill before it (every worker on one Temporal namespace must share"
        + " DRILLBOOK_EVIDENCE_URL, or DRILLBOOK_HOME for the embedded H2 store), or acknowledged events were lost"
        + " (a database restored from a backup, or one that does not write commits durably). Run `drillbook"
        + " evidence verify " + event.drillId() + "` against each store to see which holds the drill.",
        EvidenceActivities.LOST);
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
