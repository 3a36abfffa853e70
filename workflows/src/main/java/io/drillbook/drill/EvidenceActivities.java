package io.drillbook.drill;

import io.temporal.activity.ActivityInterface;

/**
 * The traceability log as the workflow sees it. Appends are idempotent by (drill ID, seq): a retried append
 * with the same seq returns the stored receipt and writes nothing.
 *
 * <p>The workflow runs appends as local activities, which are at least once: when a workflow task that ran
 * some appends is not completed (worker crash, or the server refusing the completion because a new event came
 * in), the next attempt appends the same seqs again with a later {@code timeMillis} and payload values derived
 * from it (durations). The store keeps the first. Only another {@code type} or {@code stepId} at a taken seq
 * is a {@link #CONFLICT}.
 */
@ActivityInterface
public interface EvidenceActivities {

  /**
   * The failure type ({@code ApplicationFailure} type) an append raises when its seq already holds another
   * event. The workflow never retries it: a chain that forked does not heal.
   */
  String CONFLICT = "EvidenceConflict";

  /**
   * The failure type an append raises when the store does not hold the event's predecessor, which it had
   * acknowledged: a lost event or another store. Never retried: the chain cannot go on from a hole.
   */
  String LOST = "EvidenceLost";

  EvidenceReceipt append(EvidenceAppend event);

  /** Anchors the drill's last hash in its tenant's chain, so a whole deleted drill is detected. Idempotent. */
  EvidenceReceipt anchor(String tenant, String drillId);
}
