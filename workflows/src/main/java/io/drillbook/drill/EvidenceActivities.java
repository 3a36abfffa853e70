package io.drillbook.drill;

import io.temporal.activity.ActivityInterface;

/**
 * The traceability log as the workflow sees it. Appends are idempotent by (drill ID, seq): a retried append
 * with the same seq returns the stored receipt and writes nothing.
 */
@ActivityInterface
public interface EvidenceActivities {

  EvidenceReceipt append(EvidenceAppend event);

  /** Anchors the drill's last hash in its tenant's chain, so a whole deleted drill is detected. Idempotent. */
  EvidenceReceipt anchor(String tenant, String drillId);
}
