package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code delete} (and cleanup) of what a restore or snapshot step of the same drill created: the scratch
 * instance or cluster (without final snapshot), or the drill's snapshot. Only after {@link DrillTags}
 * confirmed the drill's own tag on it, and the wait lasts until RDS no longer knows it. Already gone counts
 * as done, so a retried cleanup succeeds.
 */
final class DrillCopyDeletion {

  static final Duration TIMEOUT = Duration.ofHours(2);

  private final RdsAction a;

  DrillCopyDeletion(RdsAction a) {
    this.a = a;
  }

  ActionResult delete() throws InterruptedException {
    long start = System.currentTimeMillis();
    Map<String, Object> from = a.ctx().from();
    Map<String, Object> out = new LinkedHashMap<>();
    if (from.get("restoredFrom") != null && from.get(a.flavor().copyKey()) != null) {
      String id = from.get(a.flavor().copyKey()).toString();
      String what = a.flavor().noun() + " " + id;
      Optional<DbState> copy = a.flavor().describe(id);
      if (copy.isPresent()) {
        DrillTags.requireOwned(a.ctx(), copy.get().tags(), what, "delete");
        if (!"deleting".equals(copy.get().status())) {
          a.flavor().deleteCopy(copy.get());
        }
        a.poll().until(what, () -> a.flavor().describe(id), DbState::status, Set.of(StatusPoll.GONE), Set.of(), TIMEOUT);
      }
      out.put("deleted", what);
      out.put("alreadyGone", copy.isEmpty());
    } else if (from.get("snapshotId") != null) {
      String id = from.get("snapshotId").toString();
      Optional<SnapState> snapshot = a.flavor().snapshot(id);
      if (snapshot.isPresent()) {
        DrillTags.requireOwned(a.ctx(), snapshot.get().tags(), "snapshot " + id, "delete");
        if (!"deleting".equals(snapshot.get().status())) {
          a.flavor().deleteSnapshot(snapshot.get());
        }
        a.poll().until("snapshot " + id, () -> a.flavor().snapshot(id), SnapState::status, Set.of(StatusPoll.GONE), Set.of(), TIMEOUT);
      }
      out.put("deleted", "snapshot " + id);
      out.put("alreadyGone", snapshot.isEmpty());
    } else {
      throw new ActionFailure("step " + a.stepId() + ": delete needs `from:` to name a restore or snapshot step of this resource; step "
          + a.ctx().request().fromStepId() + " created nothing drillbook could delete");
    }
    out.put("durationMillis", System.currentTimeMillis() - start);
    a.log().info("deleted {}", out.get("deleted"));
    return ActionResult.of(out);
  }
}
