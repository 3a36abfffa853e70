package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code delete} (and cleanup) of what a restore or snapshot step of the same drill created: the scratch
 * instance or cluster (without final snapshot), or the drill's snapshot. Only after {@link DrillTags}
 * confirmed the drill's own tag on it, and the wait lasts until RDS no longer knows it. Already gone counts
 * as done, so a retried cleanup succeeds; a {@code from} step that failed before reporting its outputs is
 * looked up by the name it gives what it creates, so a failed restore's instance is cleaned up too.
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
    String fromStep = a.ctx().request().fromStepId();
    Object copyId = from.get("restoredFrom") == null ? null : from.get(a.flavor().copyKey());
    Object snapshotId = from.get("snapshotId");
    if (copyId == null && snapshotId == null && fromStep != null) {
      // The from step failed before reporting what it created: find it by the name that step gives it.
      String copy = AwsNames.identifier(a.ctx().drillId(), fromStep, ScratchCopy.PREFIX, AwsNames.MAX);
      String snapshot = AwsNames.identifier(a.ctx().drillId(), fromStep, DatabaseSnapshot.PREFIX, AwsNames.MAX);
      copyId = a.flavor().describe(copy).isPresent() ? copy : null;
      snapshotId = copyId == null && a.flavor().snapshot(snapshot).isPresent() ? snapshot : null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    if (copyId != null) {
      String id = copyId.toString();
      out.put("deleted", a.flavor().noun() + " " + id);
      out.put("alreadyGone", !deleteOwned(a.ctx(), a.poll(), a.flavor().noun() + " " + id, () -> a.flavor().describe(id),
          DbState::tags, DbState::status, a.flavor()::deleteCopy));
    } else if (snapshotId != null) {
      String id = snapshotId.toString();
      out.put("deleted", "snapshot " + id);
      out.put("alreadyGone", !deleteOwned(a.ctx(), a.poll(), "snapshot " + id, () -> a.flavor().snapshot(id), SnapState::tags,
          SnapState::status, a.flavor()::deleteSnapshot));
    } else if (from.isEmpty() || from.containsKey("errorType")) {
      out.put("deleted", "nothing: step " + fromStep + " created nothing in AWS");
      out.put("alreadyGone", true);
    } else {
      throw new ActionFailure("step " + a.stepId() + ": delete needs `from:` to name a restore or snapshot step of this resource; step "
          + fromStep + " created nothing drillbook could delete");
    }
    out.put("durationMillis", System.currentTimeMillis() - start);
    a.log().info("deleted {}", out.get("deleted"));
    return ActionResult.of(out);
  }

  /**
   * Deletes {@code what} if it exists and carries this drill's tag, then waits until it is gone; false when it
   * was gone already. Also used for what an AWS Backup restore job created ({@link RestoredResource}).
   */
  static <T> boolean deleteOwned(ActionContext ctx, StatusPoll poll, String what, Supplier<Optional<T>> describe,
      Function<T, Map<String, String>> tags, Function<T, String> status, Consumer<T> delete) throws InterruptedException {
    Optional<T> found = describe.get();
    if (found.isEmpty()) {
      return false;
    }
    DrillTags.requireOwned(ctx, tags.apply(found.get()), what, "delete");
    if (!"deleting".equals(status.apply(found.get()))) {
      delete.accept(found.get());
    }
    poll.until(what, describe, status, Set.of(StatusPoll.GONE), Set.of(), TIMEOUT);
    return true;
  }
}
