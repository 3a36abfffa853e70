package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.local.PgEndpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code failover} with {@code standby: scratch} of an RDS instance: a read replica of the source created for
 * the drill (named after drill and step like a restore's copy, tagged, in the step's subnet group and
 * security groups) is promoted while the canary writes to the source; once PromoteReadReplica is sent the
 * canary is repointed at the replica's endpoint, as an application would be at a cutover, and RTO and RPO
 * come from its acknowledgements (RPO: the writes replication had not carried over). Production is only
 * replicated from and written by the canary, so no disruption consent is needed. The replica is a created
 * resource: the outputs name it as a restore's would, so the cleanup's {@code delete} removes it (guarded by
 * its drill tag).
 */
final class ReplicaFailover {

  private static final String ACTION = "promotion";

  private final RdsAction a;
  private final InstanceFlavor instances;

  ReplicaFailover(RdsAction a) {
    this.a = a;
    this.instances = new InstanceFlavor(a.session());
  }

  ActionResult run() throws Exception {
    long start = System.currentTimeMillis();
    DbState source = a.source();
    String name = AwsNames.identifier(a.ctx(), ScratchCopy.PREFIX);
    String what = "read replica " + name + " of DB instance " + source.id();
    MeasuredFailover.refuseSecondStart(a, what, ACTION, "the replica was promoted and cannot replicate again. Run the drill again; "
        + "the cleanup's delete removes this replica");
    RestoreRequest request = ScratchCopy.requestFor(a, name, null, source);
    Optional<DbState> earlier = instances.describe(name);
    if (earlier.isPresent()) {
      DrillTags.requireOwned(a.ctx(), earlier.get().tags(), "DB instance " + name, "reuse");
      a.log().info("resuming: read replica {} exists ({})", name, earlier.get().status());
    } else {
      instances.createReadReplica(request);
      a.log().info("creating read replica {} of {}", name, source.id());
    }
    DbState replica = instances.awaitCopy(request, a.poll());
    PgEndpoint replicaEndpoint = a.endpoint(replica);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("writerBefore", source.id());
    out.putAll(MeasuredFailover.measureAround(a, a.endpoint(source), what, ACTION, writer -> {
      instances.promote(name);
      writer.repoint(replicaEndpoint);
    }, replicaEndpoint));
    DbState promoted = new StatusPoll(a.ctx(), a.aws(), MeasuredFailover.STARTED + " on " + what + "; ").until("DB instance " + name,
        () -> instances.describe(name), DbState::status, Set.of("available"), instances.failedStatuses(), Duration.ofMinutes(30))
        .orElseThrow();
    out.put("writerAfter", promoted.id());
    out.put("dbInstanceIdentifier", promoted.id());
    out.put("arn", promoted.arn());
    // What the cleanup's delete reads to know this step created a copy.
    out.put("restoredFrom", "read replica of " + source.id());
    out.put("engine", promoted.engine());
    out.put("endpointAddress", promoted.host());
    out.put("port", promoted.port());
    out.put("subnetGroup", request.subnetGroup());
    out.put("resumedEarlierAttempt", earlier.isPresent());
    out.put("durationMillis", System.currentTimeMillis() - start);
    out.put("expiresAt", promoted.tags().get(DrillTags.EXPIRES_AT));
    out.put("createdResources", List.of(promoted.arn()));
    a.log().info("replica {} promoted: RTO {} ms, {} canary rows lost (RPO {} ms)", name, out.get("rtoMillis"), out.get("rowsLost"),
        out.get("rpoMillis"));
    return ActionResult.of(out);
  }
}
