package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Deletes;
import io.drillbook.provider.ResourceTypeSpec;
import io.drillbook.provider.Restores;
import io.drillbook.provider.Snapshots;
import io.drillbook.provider.Verifies;
import io.drillbook.provider.catalog.AwsResourceTypes;
import io.drillbook.provider.local.ExplainedAction;
import io.drillbook.provider.local.ParamValues;
import io.drillbook.provider.local.StepLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * The {@code aws/ebs-volume} resource ({@code config.volumeId}): snapshot = CreateSnapshot tagged for the
 * drill, waited for until completed; restore = CreateVolume from that snapshot in the chosen zone, with a
 * client token derived from drill and step (a retried step gets the same volume back), waited for until
 * available; verify = snapshot completed, volume available and at least the snapshot's size; delete = the
 * from step's volume or snapshot, only when it carries this drill's tag.
 */
public final class EbsVolumeDriver implements Snapshots, Restores, Verifies, Deletes {

  static final Duration SNAPSHOT_TIMEOUT = Duration.ofHours(12);

  private final AwsClients aws;

  public EbsVolumeDriver(AwsClients aws) {
    this.aws = aws;
  }

  @Override
  public ResourceTypeSpec spec() {
    return AwsResourceTypes.EBS_VOLUME;
  }

  @Override
  public ActionResult snapshot(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "snapshot", c -> {
      Ec2Session ec2 = session(c);
      String volumeId = config(c, "volumeId");
      Volume source = ec2.volume(volumeId).orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": volume " + volumeId
          + " does not exist in " + ec2.region() + "; check config.volumeId and config.region of resource " + c.request().resourceName()));
      // CreateSnapshot takes no client token: an earlier attempt's snapshot is found by the drill's tags instead
      // (one that failed is left to the sweeper and taken again).
      Optional<Snapshot> earlier = ec2.snapshotsTagged(stepTags(c.drillId(), c.stepId())).stream()
          .filter(s -> volumeId.equals(s.volumeId()) && !"error".equals(s.stateAsString())).findFirst();
      Snapshot started = earlier.orElseGet(() -> ec2.createSnapshot(volumeId, "drillbook drill " + c.drillId() + " step " + c.stepId(),
          DrillTags.forStep(c, keepFor(c))));
      Snapshot done = waitForSnapshot(c, ec2, started.snapshotId());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("snapshotId", done.snapshotId());
      out.put("volumeId", volumeId);
      out.put("volumeSizeGiB", done.volumeSize());
      out.put("availabilityZone", source.availabilityZone());
      out.put("consistentAtMillis", done.startTime().toEpochMilli());
      out.put("durationMillis", Math.max(0, System.currentTimeMillis() - done.startTime().toEpochMilli()));
      out.put("createdResources", List.of(done.snapshotId()));
      List<String> observations = earlier.isPresent()
          ? List.of("resumed: snapshot " + done.snapshotId() + " started by an earlier attempt of this step was reused") : List.of();
      StepLog.of(EbsVolumeDriver.class, c).info("snapshot {} of volume {} completed", done.snapshotId(), volumeId);
      return new ActionResult(out, observations);
    });
  }

  @Override
  public ActionResult restore(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "restore", c -> {
      Ec2Session ec2 = session(c);
      long restoreStart = System.currentTimeMillis();
      String snapshotId = ParamValues.required(c.from(), "snapshotId", c.stepId(), c.request().fromStepId());
      Snapshot snapshot = ec2.snapshot(snapshotId).orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": snapshot " + snapshotId
          + " of step " + c.request().fromStepId() + " no longer exists in " + ec2.region() + "; run the snapshot again"));
      String zone = c.param("availabilityZone").or(() -> Optional.ofNullable((String) c.from().get("availabilityZone")))
          .orElseThrow(() -> new ActionFailure("step " + c.stepId() + ": restore needs with.availabilityZone (e.g. " + ec2.region() + "a)"));
      // A resumed step finds the volume an earlier attempt created by its tags; should EC2 not list it yet, the
      // client token still makes CreateVolume answer that volume instead of creating a second one.
      Optional<Volume> earlier = ec2.volumesTagged(stepTags(c.drillId(), c.stepId())).stream()
          .filter(v -> snapshotId.equals(v.snapshotId())).findFirst();
      String volumeId = earlier.map(Volume::volumeId).orElseGet(() -> ec2.createVolume(snapshotId, zone, c.param("volumeType").orElse("gp3"),
          AwsNames.clientToken(c, "restore-volume"), DrillTags.forStep(c, keepFor(c))));
      Volume volume = new StatusPoll(c, aws).until("volume " + volumeId, () -> ec2.volume(volumeId), Volume::stateAsString,
          Set.of("available"), Set.of("error", "deleting", StatusPoll.GONE), Ec2Session.VOLUME_TIMEOUT).orElseThrow();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("restoredVolumeId", volumeId);
      out.put("snapshotId", snapshotId);
      out.put("availabilityZone", volume.availabilityZone());
      out.put("sizeGiB", volume.size());
      out.put("durationMillis", System.currentTimeMillis() - restoreStart);
      out.put("rpoMillis", Math.max(0, restoreStart - snapshot.startTime().toEpochMilli()));
      out.put("rpoMeasuredBy", "snapshot age when the restore started");
      out.put("expiresAt", Ec2Session.tags(volume.tags()).get(DrillTags.EXPIRES_AT));
      out.put("createdResources", List.of(volumeId));
      StepLog.of(EbsVolumeDriver.class, c).info("volume {} restored from {} in {}", volumeId, snapshotId, zone);
      return new ActionResult(out, earlier.isPresent()
          ? List.of("resumed: volume " + volumeId + " created by an earlier attempt of this step was reused") : List.of());
    });
  }

  @Override
  public ActionResult verify(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "verify", c -> {
      Ec2Session ec2 = session(c);
      String snapshotId = ParamValues.required(c.from(), "snapshotId", c.stepId(), c.request().fromStepId());
      List<String> problems = new ArrayList<>();
      Map<String, Object> out = new LinkedHashMap<>();
      Optional<Snapshot> snapshot = ec2.snapshot(snapshotId);
      if (snapshot.isEmpty()) {
        problems.add("snapshot " + snapshotId + " no longer exists");
      } else if (!"completed".equals(snapshot.get().stateAsString())) {
        problems.add("snapshot " + snapshotId + " is " + snapshot.get().stateAsString() + ", not completed");
      }
      out.put("snapshotId", snapshotId);
      Object restored = c.from().get("restoredVolumeId");
      if (restored != null) {
        Optional<Volume> volume = ec2.volume(restored.toString());
        if (volume.isEmpty()) {
          problems.add("volume " + restored + " no longer exists");
        } else {
          if (!"available".equals(volume.get().stateAsString())) {
            problems.add("volume " + restored + " is " + volume.get().stateAsString() + ", not available");
          }
          int snapshotSize = snapshot.map(Snapshot::volumeSize).orElse(0);
          if (volume.get().size() < snapshotSize) {
            problems.add("volume " + restored + " has " + volume.get().size() + " GiB, less than the snapshot's " + snapshotSize + " GiB");
          }
          out.put("restoredVolumeId", restored);
          out.put("sizeGiB", volume.get().size());
        }
      }
      if (!problems.isEmpty()) {
        throw new ActionFailure("step " + c.stepId() + ": verification of " + (restored == null ? "snapshot " + snapshotId : "volume " + restored)
            + " failed: " + String.join("; ", problems) + ". Run the snapshot and restore again, or look at the resource in the EC2 console");
      }
      out.put("checks", restored == null ? List.of("snapshot completed") : List.of("snapshot completed", "volume available",
          "volume size >= snapshot size"));
      return ActionResult.of(out);
    });
  }

  @Override
  public ActionResult delete(ActionContext ctx) throws Exception {
    return ExplainedAction.run(ctx, "delete", c -> {
      Ec2Session ec2 = session(c);
      List<String> targets = targets(c, ec2);
      // Every target is checked before anything is removed: one that is not this drill's refuses the whole step.
      Map<String, Map<String, String>> existing = new LinkedHashMap<>();
      for (String id : targets) {
        Optional<Map<String, String>> tags = id.startsWith("vol-") ? ec2.volume(id).map(v -> Ec2Session.tags(v.tags()))
            : ec2.snapshot(id).map(s -> Ec2Session.tags(s.tags()));
        if (tags.isPresent()) {
          DrillTags.requireOwned(c, tags.get(), id.startsWith("vol-") ? "volume " + id : "snapshot " + id, "delete");
          existing.put(id, tags.get());
        }
      }
      StatusPoll poll = new StatusPoll(c, aws);
      for (String id : existing.keySet()) {
        ec2.deleteAndWait(id, poll);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("deleted", List.copyOf(existing.keySet()));
      out.put("alreadyGone", targets.stream().filter(t -> !existing.containsKey(t)).toList());
      StepLog.of(EbsVolumeDriver.class, c).info("deleted {}", existing.keySet());
      return ActionResult.of(out);
    });
  }

  /**
   * The from step's createdResources; when that step failed before recording them, what it created is found
   * by its tags (this drill, that step).
   */
  private static List<String> targets(ActionContext c, Ec2Session ec2) {
    List<String> created = ParamValues.list(c.from().get("createdResources")).stream().map(Object::toString)
        .filter(id -> id.startsWith("vol-") || id.startsWith("snap-")).toList();
    if (!created.isEmpty()) {
      return created;
    }
    String fromStep = c.request().fromStepId();
    if (fromStep == null) {
      throw new ActionFailure("step " + c.stepId() + ": delete needs `from:` naming the snapshot or restore step whose volume or snapshot "
          + "it removes");
    }
    Map<String, String> tags = stepTags(c.drillId(), fromStep);
    List<String> found = new ArrayList<>();
    ec2.volumesTagged(tags).forEach(v -> found.add(v.volumeId()));
    ec2.snapshotsTagged(tags).forEach(s -> found.add(s.snapshotId()));
    return found;
  }

  private Snapshot waitForSnapshot(ActionContext c, Ec2Session ec2, String snapshotId) throws InterruptedException {
    return new StatusPoll(c, aws).until("snapshot " + snapshotId, () -> ec2.snapshot(snapshotId), Snapshot::stateAsString,
        Set.of("completed"), Set.of("error", StatusPoll.GONE), SNAPSHOT_TIMEOUT).orElseThrow();
  }

  private static Map<String, String> stepTags(String drillId, String stepId) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(DrillTags.DRILL_ID, drillId);
    tags.put(DrillTags.STEP_ID, stepId);
    return tags;
  }

  static Duration keepFor(ActionContext c) {
    return ParamValues.duration(c.with(), "keepFor", c.stepId()).orElse(null);
  }

  private Ec2Session session(ActionContext c) {
    return Ec2Session.of(c, aws);
  }

  private static String config(ActionContext c, String key) {
    Object v = c.config().get(key);
    if (v == null || v.toString().isBlank()) {
      throw new ActionFailure("resource " + c.request().resourceName() + ": config." + key + " is missing");
    }
    return v.toString();
  }
}
