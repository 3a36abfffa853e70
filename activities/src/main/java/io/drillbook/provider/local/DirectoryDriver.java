package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.Exports;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.LocalResourceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code local/directory} resource ({@code config.path}): snapshot = a copy under the work directory
 * with a SHA-256 manifest; restore = that copy brought back to a scratch directory, with the snapshot's
 * manifest, so {@code verify} proves the restored files are the snapshot's; export = a copy with its own
 * manifest to {@code destination: dir:}; delete = marker-checked removal, as for every local resource.
 */
public final class DirectoryDriver implements Snapshots, Restores, Verifies, Exports, Deletes {

  private final ClusterOwner owner;

  public DirectoryDriver() {
    this(ClusterOwner.forThisProcess());
  }

  /** @param owner used only to stop a scratch cluster should a delete meet one (it never should for directories) */
  public DirectoryDriver(ClusterOwner owner) {
    this.owner = owner;
  }

  @Override
  public ResourceTypeSpec spec() {
    return LocalResourceTypes.DIRECTORY;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> {
      String id = c.deterministicName("snapshot");
      OwnedDirectory dir = OwnedDirectory.claim(c.workDir().resolve(id), c, "snapshot", null, null);
      Optional<Map<String, Object>> done = dir.completed();
      if (done.isPresent()) {
        return dir.reused(done.get(), StepLog.of(DirectoryDriver.class, c));
      }
      long start = System.nanoTime();
      Map<String, Object> out = new LinkedHashMap<>();
      List<String> observations = new ArrayList<>();
      ExportManifest manifest = copyInto(c, dir, "directory snapshot", observations);
      out.put("snapshotId", id);
      out.put("consistentAtMillis", System.currentTimeMillis());
      out.putAll(described(dir.path(), manifest, start));
      out.put("createdResources", List.of(dir.path().toString()));
      dir.complete(out);
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult restore(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "restore", c -> {
      Map<String, Object> snap = c.from();
      Path snapshotDir = Path.of(ParamValues.required(snap, "path", c.stepId(), c.request().fromStepId()));
      if (!Files.isRegularFile(snapshotDir.resolve(ExportManifest.FILE))) {
        throw new ActionFailure("step " + c.stepId() + ": the snapshot of step " + c.request().fromStepId() + " is gone (" + snapshotDir
            + "); run the snapshot again");
      }
      Duration keepFor = ParamValues.duration(c.with(), "keepFor", c.stepId()).orElse(null);
      OwnedDirectory dir = OwnedDirectory.claim(c.workDir().resolve(c.deterministicName("restore")), c, "directory-copy", keepFor, null);
      Optional<Map<String, Object>> done = dir.completed();
      if (done.isPresent()) {
        return dir.reused(done.get(), StepLog.of(DirectoryDriver.class, c));
      }
      long start = System.nanoTime();
      long restoreStart = dir.marker().created().toEpochMilli();
      // A crashed attempt may have left part of the copy: start it over.
      FileTrees.deleteRecursively(dir.path().resolve(DirectoryCopy.DATA));
      Files.copy(snapshotDir.resolve(ExportManifest.FILE), dir.path().resolve(ExportManifest.FILE), StandardCopyOption.REPLACE_EXISTING);
      ExportManifest manifest = ExportManifest.read(dir.path().resolve(ExportManifest.FILE));
      for (ExportManifest.Entry e : manifest.entries()) {
        Path to = dir.path().resolve(e.file());
        Files.createDirectories(to.getParent());
        Files.copy(snapshotDir.resolve(e.file()), to, StandardCopyOption.COPY_ATTRIBUTES);
      }
      Map<String, Object> out = new LinkedHashMap<>(described(dir.path(), manifest, start));
      out.put("durationMillis", System.currentTimeMillis() - restoreStart);
      if (snap.get("consistentAtMillis") != null) {
        out.put("rpoMillis", Math.max(0, restoreStart - ParamValues.longValue(snap.get("consistentAtMillis"))));
        out.put("rpoMeasuredBy", "snapshot age when the restore started");
      }
      out.put("expiresAt", dir.marker().expiresAt());
      out.put("createdResources", List.of(dir.path().toString()));
      dir.complete(out);
      return ActionResult.of(out);
    });
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> ManifestVerification.verify(c,
        Path.of(ParamValues.required(c.from(), "manifestPath", c.stepId(), c.request().fromStepId())), null,
        StepLog.of(DirectoryDriver.class, c)));
  }

  @Override
  public ActionResult export(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "export", c -> {
      Path dest = ExportDestination.of(c);
      OwnedDirectory dir = OwnedDirectory.claim(dest, c, "export", null, null);
      Optional<Map<String, Object>> done = dir.completed();
      if (done.isPresent()) {
        return dir.reused(done.get(), StepLog.of(DirectoryDriver.class, c));
      }
      long start = System.nanoTime();
      List<String> observations = new ArrayList<>();
      ExportManifest manifest = copyInto(c, dir, "directory export", observations);
      List<String> problems = manifest.recheck(() -> { });
      if (!problems.isEmpty()) {
        throw new ActionFailure("step " + c.stepId() + ": files under " + dest + " changed while exporting: " + String.join("; ", problems)
            + ". Check the disk, then run the step again");
      }
      manifest.markComplete();
      Map<String, Object> out = new LinkedHashMap<>(described(dest, manifest, start));
      long millis = Math.max(1, System.currentTimeMillis() - dir.marker().created().toEpochMilli());
      out.put("durationMillis", millis);
      out.put("totalBytes", manifest.totalBytes());
      out.put("throughputBytesPerSec", manifest.totalBytes() * 1000 / millis);
      out.put("createdResources", List.of(dest.toString()));
      dir.complete(out);
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> {
      StepLog log = StepLog.of(DirectoryDriver.class, c);
      return OwnedResources.delete(c, new PgTool(PgBinaries.locate(null), owner, c.workDir(), c.heartbeat(), log), log);
    });
  }

  /** Copies {@code config.path} into {@code dir} with a manifest, resuming an earlier attempt's copy. */
  private static ExportManifest copyInto(ActionContext c, OwnedDirectory dir, String content, List<String> observations) throws Exception {
    Object path = c.config().get("path");
    if (path == null || !Path.of(path.toString()).isAbsolute()) {
      throw new ActionFailure("step " + c.stepId() + ": resource " + c.request().resourceName() + " needs config.path, an absolute directory path");
    }
    ExportManifest manifest = ExportManifest.openOrCreate(dir.path(), c.drillId(), c.stepId(), path.toString(), content);
    if (!manifest.entries().isEmpty()) {
      observations.add("resumed after a restart: " + manifest.entries().size() + " file(s) copied by an earlier attempt were kept");
    }
    int skipped = DirectoryCopy.copy(Path.of(path.toString()), dir.path(), manifest, c);
    if (skipped > 0) {
      observations.add(skipped + " symbolic link(s) or special file(s) were not copied");
    }
    manifest.markComplete();
    return manifest;
  }

  private static Map<String, Object> described(Path dir, ExportManifest manifest, long startNanos) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", dir.toString());
    out.put("manifestPath", manifest.path().toString());
    out.put("manifestSha256", manifest.sha256());
    out.put("files", manifest.entries().size());
    out.put("sizeBytes", manifest.totalBytes());
    out.put("durationMillis", (System.nanoTime() - startNanos) / 1_000_000);
    return out;
  }
}
