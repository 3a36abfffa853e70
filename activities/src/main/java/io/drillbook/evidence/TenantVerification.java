package io.drillbook.evidence;

/**
 * What verifying a tenant's anchor chain found.
 *
 * @param anchorsChecked anchors that passed every check, from anchor 1
 * @param headHash hash of the last anchor that passed, null if none
 * @param firstBreak the first bad anchor, null when the chain is intact and every anchored drill is there
 */
public record TenantVerification(String tenant, long anchorsChecked, String headHash, AnchorBreak firstBreak) {

  public boolean intact() {
    return firstBreak == null;
  }

  public String summary() {
    return intact()
        ? "anchor chain intact, " + anchorsChecked + " drills anchored"
        : "anchor chain BROKEN at " + firstBreak + " (" + anchorsChecked + " anchors verified before it)";
  }
}
