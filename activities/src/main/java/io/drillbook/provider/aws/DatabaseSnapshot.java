package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.RestoredDatabaseVerification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code snapshot} of an RDS instance (CreateDBSnapshot) or Aurora cluster (CreateDBClusterSnapshot), named
 * after drill and step: a resumed attempt finds the snapshot its predecessor started and waits for it. For
 * PostgreSQL, MySQL and MariaDB, the source's row counts and cheap checksums are read right after the snapshot starts, for
 * verify steps to compare the restore with (on a busy database, give verify a row count tolerance).
 */
final class DatabaseSnapshot {

  /** Names of what this step creates start with it ({@link AwsNames}). */
  static final String PREFIX = "drill-snap";

  static final Duration TIMEOUT = Duration.ofHours(4);

  private final RdsAction a;

  DatabaseSnapshot(RdsAction a) {
    this.a = a;
  }

  ActionResult take() throws InterruptedException {
    long start = System.currentTimeMillis();
    String id = AwsNames.identifier(a.ctx(), PREFIX);
    DbState source = a.source();
    List<String> observations = new ArrayList<>();
    Optional<SnapState> earlier = a.flavor().snapshot(id);
    if (earlier.isPresent()) {
      DrillTags.requireOwned(a.ctx(), earlier.get().tags(), "snapshot " + id, "reuse");
      a.log().info("resuming: snapshot {} exists ({})", id, earlier.get().status());
    } else {
      a.flavor().createSnapshot(id, source.id(), DrillTags.forStep(a.ctx(), null));
      a.log().info("snapshot {} of {} {} started", id, a.flavor().noun(), source.id());
    }
    Map<String, Object> captured = Map.of();
    boolean counted = source.dialect().isPresent() && a.ctx().config().get("database") != null;
    if (counted) {
      captured = RestoredDatabaseVerification.captureSource(a.stepId(), a.endpoint(source));
    }
    SnapState done = a.poll().until("snapshot " + id, () -> a.flavor().snapshot(id), SnapState::status, Set.of("available"),
        Set.of("failed", "error"), TIMEOUT).orElseThrow(() -> new ActionFailure("step " + a.stepId() + ": snapshot " + id + " disappeared"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshotId", done.id());
    out.put("snapshotArn", done.arn());
    out.put("source", source.id());
    out.put("engine", source.engine());
    out.put("engineVersion", source.engineVersion());
    if (done.createdAt() != null) {
      out.put("consistentAtMillis", done.createdAt().toEpochMilli());
    }
    if (done.allocatedGb() != null) {
      out.put("allocatedStorageGb", done.allocatedGb());
    }
    if (counted) {
      out.put("database", a.ctx().config().get("database"));
      out.putAll(captured);
    } else {
      observations.add("the source's rows were not counted (" + (source.dialect().isPresent() ? "config.database is not set"
          : "engine " + source.engine() + " is not supported by the verifier") + "): verify steps can run checks but not compare row counts");
    }
    out.put("resumedEarlierAttempt", earlier.isPresent());
    out.put("durationMillis", System.currentTimeMillis() - start);
    out.put("expiresAt", done.tags().get(DrillTags.EXPIRES_AT));
    out.put("createdResources", List.of(done.arn()));
    a.log().info("snapshot {} available", id);
    return new ActionResult(out, observations);
  }
}
