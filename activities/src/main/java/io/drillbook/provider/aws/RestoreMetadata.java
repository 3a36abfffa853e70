package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The restore metadata AWS Backup recorded with a recovery point, made safe for a drill: identifiers that
 * would collide with the production resource (RDS and Aurora restore into a new instance or cluster
 * named in the metadata) are replaced by names derived from drill and step, so a retry reuses them.
 */
final class RestoreMetadata {

  private static final Map<String, String> NAMED = Map.of("DBInstanceIdentifier", "drill-restore", "DBClusterIdentifier", "drill-restore");

  private RestoreMetadata() {}

  static Map<String, String> forDrill(ActionContext c, Map<String, String> recorded) {
    Map<String, String> metadata = new LinkedHashMap<>(recorded);
    NAMED.forEach((key, prefix) -> metadata.computeIfPresent(key, (k, v) -> AwsNames.identifier(c, prefix)));
    return metadata;
  }
}
