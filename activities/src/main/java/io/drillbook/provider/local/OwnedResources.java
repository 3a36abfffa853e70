package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finding and removing what the local provider created, always through the {@link OwnerMarker}: the
 * {@code delete} action of both resource types and the {@link ScratchSweeper} go through here. Scratch
 * clusters inside a directory are stopped before it is removed.
 */
final class OwnedResources {

  /** A marked directory. */
  record Found(Path dir, OwnerMarker marker) {}

  private OwnedResources() {}

  /**
   * Every marked directory under {@code root}, up to {@code depth} levels down (the drivers create them
   * directly under the action's work directory, which may itself be one directory per drill). A marked
   * directory is not searched further: what is inside belongs to it.
   */
  static List<Found> scan(Path root, int depth) throws IOException {
    List<Found> found = new ArrayList<>();
    if (!Files.isDirectory(root) || depth < 1) {
      return found;
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs = s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().toList();
    }
    for (Path dir : dirs) {
      Optional<OwnerMarker> m = OwnerMarker.readFrom(dir);
      if (m.isPresent()) {
        found.add(new Found(dir, m.get()));
      } else {
        found.addAll(scan(dir, depth - 1));
      }
    }
    return found;
  }

  /** Stops every cluster found in {@code dir} (its own data dir, or primary/ and standby/ of a failover) and removes it. */
  static void remove(Path dir, PgTool tools, String stepId) throws IOException, InterruptedException {
    List<Path> homes = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir, 2)) {
      s.filter(p -> Files.isRegularFile(p.resolve("data").resolve("PG_VERSION"))).forEach(homes::add);
    }
    for (Path home : homes) {
      ScratchCluster cluster = new ScratchCluster(home, tools, stepId);
      try {
        cluster.stop("fast");
      } catch (ActionFailure e) {
        cluster.stop("immediate");
      }
    }
    FileTrees.deleteRecursively(dir);
  }

  /**
   * The {@code delete} action: removes the {@code createdResources} of the {@code from} step. When that step
   * failed before recording them (a restore whose cluster started but whose load failed), what it created is
   * found in the work directory by its markers (this drill, that step); without {@code from}, everything this
   * drill created there. Every target is checked before anything is removed: one directory without this
   * drill's marker refuses the whole step. Targets already gone count as removed (a retried delete succeeds).
   */
  static ActionResult delete(ActionContext ctx, PgTool tools, StepLog log) throws Exception {
    long start = System.nanoTime();
    List<Path> targets = new ArrayList<>();
    Object created = ctx.from().get("createdResources");
    String fromStep = ctx.request().fromStepId();
    if (created != null) {
      ParamValues.list(created).forEach(p -> targets.add(Path.of(p.toString())));
    } else {
      scan(ctx.workDir(), 1).stream()
          .filter(f -> f.marker().drillId().equals(ctx.drillId()) && (fromStep == null || f.marker().stepId().equals(fromStep)))
          .forEach(f -> targets.add(f.dir()));
    }
    List<String> gone = new ArrayList<>();
    List<Path> toRemove = new ArrayList<>();
    for (Path t : targets) {
      if (!Files.exists(t)) {
        gone.add(t.toString());
        continue;
      }
      Optional<OwnerMarker> m = OwnerMarker.readFrom(t);
      if (m.isEmpty() || !m.get().drillId().equals(ctx.drillId())) {
        throw new ActionFailure("step " + ctx.stepId() + ": refusing to delete " + t + ": "
            + (m.isEmpty() ? "it has no " + OwnerMarker.FILE : "it belongs to drill " + m.get().drillId())
            + ", so this drill did not create it. Nothing was deleted; remove it by hand if it really is debris");
      }
      toRemove.add(t);
    }
    List<String> removed = new ArrayList<>();
    for (Path t : toRemove) {
      remove(t, tools, ctx.stepId());
      removed.add(t.toString());
      log.info("removed {}", t);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("removed", removed);
    out.put("alreadyGone", gone);
    out.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
    return ActionResult.of(out);
  }
}
