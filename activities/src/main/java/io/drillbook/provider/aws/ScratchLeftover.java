package io.drillbook.provider.aws;

import java.util.Map;

/**
 * A resource carrying drillbook's tags that the sweeper found in an account and region: what it is, its
 * tags (expiry, drill, step), and how to delete it.
 *
 * @param kind for the evidence: ebs-volume, ebs-snapshot, rds-instance, aurora-cluster, rds-snapshot, aurora-cluster-snapshot
 * @param blocked why it cannot be deleted now (e.g. attached), or null
 */
record ScratchLeftover(String id, String kind, Map<String, String> tags, String blocked, Runnable delete) {

  /** Both tags the sweeper judges by: the guard (a drill created it) and the expiry. */
  static boolean drillbooks(Map<String, String> tags) {
    return tags.containsKey(DrillTags.DRILL_ID) && tags.containsKey(DrillTags.EXPIRES_AT);
  }
}
