package io.drillbook.evidence;

/**
 * The store refused an append or an anchor. Messages name drill IDs and seqs only, never payload content:
 * they travel into Temporal failures and logs.
 */
public final class EvidenceRejectedException extends RuntimeException {

  public enum Reason {
    /**
     * seq - 1 is not stored. Drills and schedules send an event only once its predecessor was acknowledged, so
     * for them this means a lost event or another store (a drill stops; a schedule's record is retried).
     */
    OUT_OF_ORDER,
    /** Another event already holds this seq, or the drill is sealed: a bug or tampering; retrying cannot help. */
    CONFLICT,
    /** The event itself is malformed (missing drill ID, seq below 1...). */
    INVALID
  }

  private final Reason reason;

  EvidenceRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
