package io.drillbook.provider.aws;

import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import io.drillbook.provider.local.StepLog;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Removes the AWS scratch resources drills left behind once their {@code drillbook:expires-at} has passed:
 * EBS volumes and snapshots carrying drillbook's tags in one account and region (found with DescribeVolumes
 * and DescribeSnapshots tag filters). It answers in the local sweeper's {@link Swept} form, so the worker's
 * housekeeping can record it as evidence alike. A volume still attached, or one AWS refuses to delete, is
 * reported with the reason and tried again by the next sweep; the others are not held up by it.
 */
public final class AwsScratchSweeper {

  private static final String WHO = "sweeper";

  private final AwsClients aws;
  private final Clock clock;

  public AwsScratchSweeper(AwsClients aws, Clock clock) {
    this.aws = aws;
    this.clock = clock;
  }

  /** One sweep of the account and region {@code access} reaches. */
  public List<Swept> sweep(AwsAccess access) {
    Ec2Session ec2 = new Ec2Session(aws.ec2(access), WHO, access.region());
    Map<String, String> drillbooks = new LinkedHashMap<>();
    drillbooks.put(DrillTags.DRILL_ID, "*");
    drillbooks.put(DrillTags.EXPIRES_AT, "*");
    Instant now = clock.instant();
    List<Swept> swept = new ArrayList<>();
    for (Volume v : ec2.volumesTagged(drillbooks)) {
      String attached = "in-use".equals(v.stateAsString()) ? "it is attached to an instance; detach it, the next sweep removes it" : null;
      expired(ec2, v.volumeId(), "ebs-volume", Ec2Session.tags(v.tags()), now, attached, swept);
    }
    for (Snapshot s : ec2.snapshotsTagged(drillbooks)) {
      expired(ec2, s.snapshotId(), "ebs-snapshot", Ec2Session.tags(s.tags()), now, null, swept);
    }
    return swept;
  }

  /** Deletes {@code id} when its expiry has passed, adding what happened to {@code swept}. */
  private static void expired(Ec2Session ec2, String id, String kind, Map<String, String> tags, Instant now, String blocked,
      List<Swept> swept) {
    Instant expires;
    try {
      expires = Instant.parse(tags.get(DrillTags.EXPIRES_AT));
    } catch (DateTimeParseException e) {
      return; // not a time drillbook wrote: not drillbook's to judge
    }
    if (!expires.isBefore(now)) {
      return;
    }
    String drill = tags.get(DrillTags.DRILL_ID);
    String step = tags.get(DrillTags.STEP_ID);
    StepLog log = StepLog.of(AwsScratchSweeper.class, drill, step);
    String failure = blocked;
    if (failure == null) {
      try {
        ec2.delete(id);
        log.info("reclaimed {} {} in {}: expired at {}", kind, id, ec2.region(), expires);
      } catch (ActionFailure e) {
        failure = e.getMessage();
      }
    }
    if (failure != null) {
      log.warn("could not reclaim {} {} in {}: {}", kind, id, ec2.region(), failure);
    }
    swept.add(new Swept(ec2.region() + "/" + id, drill, step, kind, "expired at " + expires, failure));
  }
}
