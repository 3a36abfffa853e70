package io.drillbook.evidence;

/**
 * The store refused an append or an anchor. Messages name drill IDs and seqs only, never payload content:
 * they travel into Temporal failures and logs.
 */
public final class EvidenceRejectedException extends RuntimeException {

  public enum Reason {
    /** seq - 1 is not stored yet (parallel steps may append out of order): retrying will succeed. */
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
