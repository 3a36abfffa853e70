package io.drillbook.evidence;

/**
 * Verifies one drill's events, fed in seq order, against each other and against the drill's tenant anchor.
 * It holds only the previous event, so a drill of any length streams through it; it knows nothing of where
 * events come from (the store, or a bundle read offline).
 *
 * <p>Checks, per event: seq is the next one (a gap is a removed row), prev_hash is the previous event's hash
 * (otherwise rows were reordered or replaced), the hash recomputes (otherwise the row was changed), and
 * nothing follows the anchored head. At the end: the anchored last seq and hash are there (otherwise
 * trailing rows were removed), and a completed drill is anchored at all.
 */
public final class EvidenceChain {

  private final String drillId;
  private final TenantAnchor anchor;
  private ChainLink previous;
  private long checked;
  private long completedAtSeq;
  private ChainBreak firstBreak;

  /** @param anchor the drill's anchor, or null if it has none */
  public EvidenceChain(String drillId, TenantAnchor anchor) {
    this.drillId = drillId;
    this.anchor = anchor;
    if (anchor != null && !anchor.computeHash().equals(anchor.hash())) {
      firstBreak = new ChainBreak(anchor.lastSeq(), null,
          "the tenant anchor of this drill was changed (its hash does not recompute)");
    }
  }

  /** Checks the next event; false once the chain is broken, since later events prove nothing more. */
  public boolean accept(ChainLink event) {
    if (firstBreak != null) {
      return false;
    }
    long expectedSeq = expectedSeq();
    String expectedPrev = previous == null ? EvidenceEvent.GENESIS : previous.hash();
    if (event.seq() != expectedSeq) {
      firstBreak = missing(expectedSeq, "");
    } else if (anchor != null && event.seq() > anchor.lastSeq()) {
      firstBreak = new ChainBreak(event.seq(), event.type(),
          "recorded after the drill was anchored at seq " + anchor.lastSeq() + ": appended after sealing");
    } else if (!event.prevHash().equals(expectedPrev)) {
      firstBreak = new ChainBreak(event.seq(), event.type(), previous == null
          ? "prev_hash is not the genesis value: rows replaced"
          : "prev_hash does not match seq " + previous.seq() + ": rows reordered or replaced");
    } else if (!event.computeHash().equals(event.hash())) {
      firstBreak = new ChainBreak(event.seq(), event.type(), "hash mismatch: row was changed");
    } else if (anchor != null && event.seq() == anchor.lastSeq() && !event.hash().equals(anchor.lastHash())) {
      firstBreak = new ChainBreak(event.seq(), event.type(),
          "hash differs from the anchored one: the drill's events were rewritten");
    }
    if (firstBreak != null) {
      return false;
    }
    previous = event;
    checked++;
    if ("drill.completed".equals(event.type())) {
      completedAtSeq = event.seq();
    }
    return true;
  }

  public ChainVerification result() {
    if (firstBreak == null) {
      firstBreak = endBreak();
    }
    return new ChainVerification(drillId, checked, previous == null ? 0 : previous.seq(),
        previous == null ? null : previous.hash(), anchor != null, firstBreak);
  }

  private long expectedSeq() {
    return previous == null ? 1 : previous.seq() + 1;
  }

  private static ChainBreak missing(long seq, String detail) {
    return new ChainBreak(seq, null, "seq " + seq + " missing: row removed" + detail);
  }

  private ChainBreak endBreak() {
    long lastSeq = previous == null ? 0 : previous.seq();
    if (anchor != null && lastSeq < anchor.lastSeq()) {
      return missing(lastSeq + 1, " (the tenant anchor records last seq " + anchor.lastSeq() + ")");
    }
    if (previous == null) {
      return new ChainBreak(1, null, "no events recorded for this drill");
    }
    if (anchor != null && !anchor.tenant().equals(previous.tenant())) {
      return new ChainBreak(lastSeq, previous.type(), "the drill is anchored in another tenant's chain");
    }
    if (anchor == null && completedAtSeq > 0) {
      return new ChainBreak(completedAtSeq, "drill.completed",
          "drill completed but never anchored: removed trailing events would go unnoticed");
    }
    return null;
  }
}
