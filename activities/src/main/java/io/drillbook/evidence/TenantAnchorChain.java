package io.drillbook.evidence;

/**
 * Verifies a tenant's anchors, fed in anchor order, each with what the store still holds of its drill: the
 * chain links and recomputes like a drill's events do, and every anchored drill still has its anchored head.
 */
final class TenantAnchorChain {

  private final String tenant;
  private TenantAnchor previous;
  private long checked;
  private AnchorBreak firstBreak;

  TenantAnchorChain(String tenant) {
    this.tenant = tenant;
  }

  /**
   * @param storedHeadHash the hash of the drill's event at the anchored last seq, null if there is none
   * @param drillHasEvents whether any event of the drill is left
   * @return false once the chain is broken
   */
  boolean accept(TenantAnchor anchor, String storedHeadHash, boolean drillHasEvents) {
    if (firstBreak != null) {
      return false;
    }
    long expectedSeq = previous == null ? 1 : previous.anchorSeq() + 1;
    String expectedPrev = previous == null ? EvidenceEvent.GENESIS : previous.hash();
    String drill = anchor.drillId();
    if (anchor.anchorSeq() != expectedSeq) {
      firstBreak = new AnchorBreak(expectedSeq, null, "anchor " + expectedSeq + " missing: anchor removed");
    } else if (!anchor.prevHash().equals(expectedPrev)) {
      firstBreak = new AnchorBreak(anchor.anchorSeq(), drill, previous == null
          ? "prev_hash is not the genesis value: anchors replaced"
          : "prev_hash does not match anchor " + previous.anchorSeq() + ": anchors reordered or replaced");
    } else if (!anchor.computeHash().equals(anchor.hash())) {
      firstBreak = new AnchorBreak(anchor.anchorSeq(), drill, "hash mismatch: anchor was changed");
    } else if (!drillHasEvents) {
      firstBreak = new AnchorBreak(anchor.anchorSeq(), drill, "drill deleted: none of its events is left");
    } else if (storedHeadHash == null) {
      firstBreak = new AnchorBreak(anchor.anchorSeq(), drill,
          "the drill's anchored last event (seq " + anchor.lastSeq() + ") is missing: trailing events removed");
    } else if (!storedHeadHash.equals(anchor.lastHash())) {
      firstBreak = new AnchorBreak(anchor.anchorSeq(), drill,
          "the drill's event seq " + anchor.lastSeq() + " no longer has the anchored hash: events rewritten");
    }
    if (firstBreak != null) {
      return false;
    }
    previous = anchor;
    checked++;
    return true;
  }

  TenantVerification result() {
    return new TenantVerification(tenant, checked, previous == null ? null : previous.hash(), firstBreak);
  }
}
