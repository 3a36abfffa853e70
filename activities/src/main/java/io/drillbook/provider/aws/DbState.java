package io.drillbook.provider.aws;

import io.drillbook.provider.local.SqlDialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database as RDS describes it, an instance or an Aurora cluster alike: what the drill reads from the
 * source (engine, endpoint, network, tags) and polls on its copies (status).
 *
 * @param host the endpoint's DNS name (an Aurora cluster's writer endpoint), null while it has none
 * @param members an Aurora cluster's instances, the writer first; empty for an instance
 */
record DbState(String id, String arn, String status, String engine, String engineVersion, String host, Integer port,
    boolean multiAz, Map<String, String> tags, String subnetGroup, List<String> securityGroups, String instanceClass,
    List<String> members) {

  /** The SQL dialect verify and the canary speak to this engine, if they know it. */
  Optional<SqlDialect> dialect() {
    return SqlDialect.forEngine(engine);
  }
}
