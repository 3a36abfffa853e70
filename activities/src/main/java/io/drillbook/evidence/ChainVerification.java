package io.drillbook.evidence;

/**
 * What verifying one drill's chain found.
 *
 * @param eventsChecked events that passed every check, from seq 1
 * @param lastSeq seq of the last event that passed (0 if none)
 * @param lastHash hash of that event, null if none
 * @param anchored whether the drill's head is anchored in its tenant's chain
 * @param firstBreak the first bad event, null when the chain is intact
 */
public record ChainVerification(
    String drillId, long eventsChecked, long lastSeq, String lastHash, boolean anchored, ChainBreak firstBreak) {

  public boolean intact() {
    return firstBreak == null;
  }

  /** One line for the CLI and logs. */
  public String summary() {
    return intact()
        ? drillId + ": intact, " + eventsChecked + " events, " + (anchored ? "anchored" : "not anchored yet")
        : drillId + ": BROKEN at " + firstBreak + " (" + eventsChecked + " events verified before it)";
  }
}
