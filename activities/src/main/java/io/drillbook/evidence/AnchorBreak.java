package io.drillbook.evidence;

/**
 * The first link of a tenant's anchor chain that fails verification.
 *
 * @param drillId the drill the anchor names, or null when the anchor itself is missing
 */
public record AnchorBreak(long anchorSeq, String drillId, String problem) {

  @Override
  public String toString() {
    // A missing anchor's problem already names its seq.
    return drillId == null ? problem : "anchor " + anchorSeq + " (drill " + drillId + "): " + problem;
  }
}
