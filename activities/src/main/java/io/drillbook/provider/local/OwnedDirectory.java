package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory one step of one drill owns: created with its {@link OwnerMarker} before anything else, found
 * again by a retried attempt (same deterministic path, same marker), and holding a completion record
 * ({@code result.json}, the step's outputs) once the step has finished, so a retry after a crash returns the
 * earlier result instead of doing the work twice.
 */
record OwnedDirectory(Path path, OwnerMarker marker) {

  private static final String RESULT = "result.json";

  /**
   * Creates {@code dir} for this step, or takes it back on a retry. A directory that exists with another
   * owner (or none, and content) is refused: it is not ours to overwrite.
   *
   * @param owner when not null, the directory is handed to that OS user (scratch clusters run as it)
   */
  static OwnedDirectory claim(Path dir, ActionContext ctx, String kind, Duration keepFor, ClusterOwner owner) throws IOException {
    Optional<OwnerMarker> existing = OwnerMarker.readFrom(dir);
    if (existing.isPresent()) {
      OwnerMarker m = existing.get();
      if (!m.drillId().equals(ctx.drillId()) || !m.stepId().equals(ctx.stepId())) {
        throw new ActionFailure("step " + ctx.stepId() + ": " + dir + " already belongs to drill " + m.drillId() + " step " + m.stepId()
            + "; remove it with that drill's cleanup or choose another destination");
      }
      if (owner != null) {
        owner.giveTo(dir);
      }
      return new OwnedDirectory(dir, m);
    }
    if (Files.isDirectory(dir) && !isEmpty(dir)) {
      throw new ActionFailure("step " + ctx.stepId() + ": " + dir + " exists, is not empty and has no drillbook owner marker;"
          + " drillbook never writes into a directory it did not create: choose an empty or new destination");
    }
    if (owner == null) {
      Files.createDirectories(dir);
    } else {
      owner.createOwnedDirectory(dir);
    }
    Instant now = Instant.now();
    OwnerMarker m = OwnerMarker.of(ctx.drillId(), ctx.stepId(), kind, now, keepFor == null ? null : now.plus(keepFor));
    m.writeTo(dir);
    return new OwnedDirectory(dir, m);
  }

  Optional<Map<String, Object>> completed() throws IOException {
    Path f = path.resolve(RESULT);
    return Files.isRegularFile(f) ? Optional.of(Json.readMap(f)) : Optional.empty();
  }

  /** The earlier attempt's outputs, returned as they were, with a note for the reader of the evidence. */
  ActionResult reused(Map<String, Object> outputs, StepLog log) {
    log.info("reusing the completed result of an earlier attempt in {}", path);
    return new ActionResult(outputs, List.of("an earlier attempt of this step had completed; its result was reused"));
  }

  void complete(Map<String, Object> outputs) throws IOException {
    Json.write(path.resolve(RESULT), outputs);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }
}
