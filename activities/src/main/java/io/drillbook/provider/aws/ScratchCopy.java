package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.ParamValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore} into a scratch instance or cluster named after drill and step, tagged as the drill's, in the
 * subnet group and security groups the plan names: from the {@code from} step's snapshot, the newest
 * automated snapshot, or the latest restorable time. A resumed attempt (worker restart during a 40-minute
 * restore) finds the copy by its name and waits for it instead of starting a second restore.
 */
final class ScratchCopy {

  /** Names of what this step creates start with it ({@link AwsNames}). */
  static final String PREFIX = "drill-restore";

  private final RdsAction a;

  ScratchCopy(RdsAction a) {
    this.a = a;
  }

  ActionResult restore() throws InterruptedException {
    long start = System.currentTimeMillis();
    String target = AwsNames.identifier(a.ctx(), PREFIX);
    DbState source = a.source();
    Map<String, Object> from = a.ctx().from();
    boolean pointInTime = "latest-restorable-time".equals(a.ctx().param("source").orElse("snapshot"));
    String snapshot = pointInTime ? null : snapshotToRestore(source, from);
    RestoreRequest request = requestFor(a, target, snapshot, source);
    Optional<DbState> earlier = a.flavor().describe(target);
    if (earlier.isPresent()) {
      DrillTags.requireOwned(a.ctx(), earlier.get().tags(), a.flavor().noun() + " " + target, "reuse");
      a.log().info("resuming: {} {} exists ({})", a.flavor().noun(), target, earlier.get().status());
    } else {
      a.flavor().restore(request);
      a.log().info("restoring {} {} from {}", a.flavor().noun(), target, snapshot == null ? "the latest restorable time" : snapshot);
    }
    DbState copy = a.flavor().awaitCopy(request, a.poll());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(a.flavor().copyKey(), copy.id());
    out.put("arn", copy.arn());
    out.put("restoredFrom", snapshot == null ? "latest-restorable-time of " + source.id() : snapshot);
    out.put("engine", copy.engine());
    out.put("engineVersion", copy.engineVersion());
    out.put("endpointAddress", copy.host());
    out.put("port", copy.port());
    if (!copy.members().isEmpty()) {
      out.put("instances", copy.members());
    }
    Object database = a.ctx().config().get("database");
    if (copy.dialect().isPresent() && database != null) {
      out.put("database", database);
      out.put("scratchDsn", copy.dialect().get().scheme() + "://" + copy.host() + ":" + copy.port() + "/" + database);
    }
    if (from.get("rowCounts") != null) {
      out.put("sourceRowCounts", from.get("rowCounts"));
      out.put("sourceChecksums", from.getOrDefault("checksums", Map.of()));
    }
    if (from.get("consistentAtMillis") != null) {
      out.put("consistentAtMillis", from.get("consistentAtMillis"));
    }
    out.put("subnetGroup", request.subnetGroup());
    out.put("vpcSecurityGroupIds", request.securityGroups() == null ? List.of() : request.securityGroups());
    // A worker restart is not a finding about the backup: recorded, not an observation.
    out.put("resumedEarlierAttempt", earlier.isPresent());
    out.put("durationMillis", System.currentTimeMillis() - start);
    out.put("expiresAt", copy.tags().get(DrillTags.EXPIRES_AT));
    out.put("createdResources", List.of(copy.arn()));
    a.log().info("{} {} available at {}:{}", a.flavor().noun(), copy.id(), copy.host(), copy.port());
    return ActionResult.of(out);
  }

  /**
   * The copy to create, in the network the step names ({@code subnetGroup}, {@code vpcSecurityGroupIds},
   * default the source's), of {@code instanceClass}, tagged for the drill to expire after {@code keepFor}.
   */
  static RestoreRequest requestFor(RdsAction a, String target, String snapshot, DbState source) {
    Map<String, Object> with = a.ctx().with();
    List<String> groups = with.get("vpcSecurityGroupIds") == null ? source.securityGroups()
        : ParamValues.list(with.get("vpcSecurityGroupIds")).stream().map(Object::toString).toList();
    return new RestoreRequest(target, snapshot, source, a.ctx().param("instanceClass").orElse(null),
        a.ctx().param("subnetGroup").orElse(source.subnetGroup()), groups.isEmpty() ? null : groups, DrillTags.forStep(a.ctx(), a.keepFor()));
  }

  private String snapshotToRestore(DbState source, Map<String, Object> from) {
    if (from.get("snapshotId") != null) {
      return from.get("snapshotId").toString();
    }
    return a.flavor().latestAutomatedSnapshot(source.id()).map(SnapState::id).orElseThrow(() -> new ActionFailure("step " + a.stepId()
        + ": " + a.flavor().noun() + " " + source.id() + " has no available automated snapshot to restore; enable automated backups, "
        + "or add a snapshot step and point `from:` at it"));
  }
}
