package io.drillbook.evidence;

/**
 * The first event of a drill that fails verification.
 *
 * @param type the event's type, or null when the problem is a missing row
 * @param problem what is wrong, e.g. "hash mismatch: row was changed"
 */
public record ChainBreak(long seq, String type, String problem) {

  @Override
  public String toString() {
    // A missing row's problem already names its seq.
    return type == null ? problem : "seq " + seq + " (" + type + "): " + problem;
  }
}
