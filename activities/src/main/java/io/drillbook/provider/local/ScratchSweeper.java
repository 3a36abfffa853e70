package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reclaims what drills left in the work directory: scratch clusters, snapshots, failover clusters. A marked
 * directory is reclaimed when its {@code expiresAt} ({@code keepFor}) has passed, even if its drill still
 * runs (keepFor is a promise about its lifetime), or, without {@code keepFor}, once its drill has ended.
 * With {@code keepFor} it may outlive its drill until then. Exports are outside the work directory and are
 * never swept: they are deliverables, removed only by a {@code delete} step.
 *
 * <p>One directory that cannot be removed does not stop the sweep: it is reported as not removed, with the
 * reason, and tried again by the next sweep. The caller records a {@code resource.reclaimed} or
 * {@code resource.leaked} event for each {@link Swept} returned.
 */
public final class ScratchSweeper {

  private final Path workDir;
  private final ClusterOwner owner;
  private final Clock clock;

  /**
   * @param workDir the directory the drivers get as {@code ActionContext.workDir()}, or its parent when each
   *     drill gets a work directory of its own (marked directories are found up to two levels down)
   */
  public ScratchSweeper(Path workDir) {
    this(workDir, ClusterOwner.forThisProcess(), Clock.systemUTC());
  }

  public ScratchSweeper(Path workDir, ClusterOwner owner, Clock clock) {
    this.workDir = workDir;
    this.owner = owner;
    this.clock = clock;
  }

  /**
   * A directory the sweep was due to remove: by whom it was created, why it was due, and, when removing it
   * failed, why ({@code failure}, null once it is gone).
   */
  public record Swept(String path, String drillId, String stepId, String kind, String reason, String failure) {
    public boolean removed() {
      return failure == null;
    }
  }

  /** @param drillIsRunning whether a drill (by id) is still running; unknown drills count as ended */
  public List<Swept> sweep(Predicate<String> drillIsRunning) throws IOException, InterruptedException {
    Instant now = clock.instant();
    List<Swept> swept = new ArrayList<>();
    for (OwnedResources.Found f : OwnedResources.scan(workDir, 2)) {
      OwnerMarker m = f.marker();
      Optional<Instant> expires = m.expires();
      String reason;
      if (expires.isPresent() && expires.get().isBefore(now)) {
        reason = "expired at " + m.expiresAt();
      } else if (expires.isEmpty() && !drillIsRunning.test(m.drillId())) {
        reason = "its drill has ended";
      } else {
        continue;
      }
      StepLog log = StepLog.of(ScratchSweeper.class, m.drillId(), m.stepId());
      String failure = null;
      try {
        OwnedResources.remove(f.dir(), new PgTool(PgBinaries.locate(null), owner, workDir, ActionContext.Heartbeat.NONE, log), m.stepId());
        log.info("reclaimed {} ({}): {}", f.dir(), m.kind(), reason);
      } catch (IOException | RuntimeException e) {
        // ActionFailure messages are written for the evidence; anything else needs its type to make sense.
        failure = e instanceof ActionFailure ? e.getMessage() : e.toString();
        log.warn("could not reclaim {} ({}, {}): {}", f.dir(), m.kind(), reason, failure);
      }
      swept.add(new Swept(f.dir().toString(), m.drillId(), m.stepId(), m.kind(), reason, failure));
    }
    return swept;
  }
}
