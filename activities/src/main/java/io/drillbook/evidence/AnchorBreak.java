package io.drillbook.evidence;

/**
 * The first link of a tenant's anchor chain that fails verification.
 *
 * @param drillId the drill the anchor names, or null when the anchor itself is missing
 */
public record AnchorBreak(long anchorSeq, String drillId, String problem) {

  @Override
  public String toString() {
    return "anchor " + anchorSeq + (drillId == null ? "" : " (drill " + drillId + ")") + ": " + problem;
  }
}
