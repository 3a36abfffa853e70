package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateSnapshotRequest;
import software.amazon.awssdk.services.ec2.model.CreateVolumeRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * The EC2 calls of the EBS driver, the Backup driver (restored volumes) and the sweeper, each through
 * {@link AwsCalls} so a refusal names the IAM action and the volume or snapshot. A describe of an id EC2
 * does not know answers empty instead of failing: deletes and retries treat "gone" as done.
 */
record Ec2Session(Ec2Client ec2, String stepId, String region) {

  static final Duration VOLUME_TIMEOUT = Duration.ofHours(2);

  static Ec2Session of(ActionContext c, AwsClients aws) {
    AwsAccess access = AwsAccess.of(c);
    return new Ec2Session(aws.ec2(access), c.stepId(), access.region());
  }

  Optional<Volume> volume(String volumeId) {
    return absentIfNotFound(() -> call("ec2:DescribeVolumes", "volume " + volumeId,
        () -> ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().stream().findFirst()));
  }

  Optional<Snapshot> snapshot(String snapshotId) {
    return absentIfNotFound(() -> call("ec2:DescribeSnapshots", "snapshot " + snapshotId,
        () -> ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().stream().findFirst()));
  }

  /** Volumes carrying every one of {@code tags} (a tag key with value "*" only has to be present). */
  List<Volume> volumesTagged(Map<String, String> tags) {
    return call("ec2:DescribeVolumes", "volumes tagged " + tags.keySet(),
        () -> ec2.describeVolumesPaginator(r -> r.filters(filters(tags))).volumes().stream().toList());
  }

  /** This account's snapshots carrying every one of {@code tags}. */
  List<Snapshot> snapshotsTagged(Map<String, String> tags) {
    return call("ec2:DescribeSnapshots", "snapshots tagged " + tags.keySet(),
        () -> ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").filters(filters(tags))).snapshots().stream().toList());
  }

  Snapshot createSnapshot(String volumeId, String description, Map<String, String> tags) {
    return call("ec2:CreateSnapshot", "volume " + volumeId, () -> {
      var answer = ec2.createSnapshot(CreateSnapshotRequest.builder().volumeId(volumeId).description(description)
          .tagSpecifications(tagged(ResourceType.SNAPSHOT, tags)).build());
      return Snapshot.builder().snapshotId(answer.snapshotId()).volumeId(answer.volumeId()).state(answer.state())
          .startTime(answer.startTime()).volumeSize(answer.volumeSize()).tags(answer.tags()).build();
    });
  }

  /** {@code clientToken} makes a retried call answer the volume the first call created. */
  String createVolume(String snapshotId, String zone, String volumeType, String clientToken, Map<String, String> tags) {
    return call("ec2:CreateVolume", "snapshot " + snapshotId + " in " + zone, () -> ec2.createVolume(CreateVolumeRequest.builder()
        .snapshotId(snapshotId).availabilityZone(zone).volumeType(volumeType).clientToken(clientToken)
        .tagSpecifications(tagged(ResourceType.VOLUME, tags)).build()).volumeId());
  }

  /** Adds drillbook's tags to a resource drillbook did not create itself (a volume AWS Backup restored for a drill). */
  void tag(String resourceId, Map<String, String> tags) {
    call("ec2:CreateTags", resourceId, () -> ec2.createTags(r -> r.resources(resourceId).tags(tagList(tags))));
  }

  /** Deletes a volume ({@code vol-…}) or a snapshot ({@code snap-…}); the caller checked it is the drill's. */
  void delete(String id) {
    if (id.startsWith("vol-")) {
      call("ec2:DeleteVolume", "volume " + id, () -> ec2.deleteVolume(r -> r.volumeId(id)));
    } else {
      call("ec2:DeleteSnapshot", "snapshot " + id, () -> ec2.deleteSnapshot(r -> r.snapshotId(id)));
    }
  }

  /** {@link #delete}, then for a volume waits until EC2 no longer lists it (snapshots go at once). */
  void deleteAndWait(String id, StatusPoll poll) throws InterruptedException {
    delete(id);
    if (id.startsWith("vol-")) {
      // EC2's last volume state is "deleted", the same word StatusPoll uses for a volume it no longer finds.
      poll.until("volume " + id, () -> volume(id), Volume::stateAsString, Set.of(StatusPoll.GONE), Set.of(), VOLUME_TIMEOUT);
    }
  }

  static Map<String, String> tags(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
  }

  private <T> T call(String iamAction, String what, Supplier<T> call) {
    return AwsCalls.call(stepId, iamAction, what + " in " + region, call);
  }

  private static <T> Optional<T> absentIfNotFound(Supplier<Optional<T>> describe) {
    try {
      return describe.get();
    } catch (io.drillbook.provider.ActionFailure e) {
      if (e.getCause() instanceof AwsServiceException aws && aws.awsErrorDetails() != null
          && String.valueOf(aws.awsErrorDetails().errorCode()).endsWith(".NotFound")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static List<Filter> filters(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> "*".equals(e.getValue())
        ? Filter.builder().name("tag-key").values(e.getKey()).build()
        : Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build()).toList();
  }

  private static TagSpecification tagged(ResourceType type, Map<String, String> tags) {
    return TagSpecification.builder().resourceType(type).tags(tagList(tags)).build();
  }

  private static List<Tag> tagList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
