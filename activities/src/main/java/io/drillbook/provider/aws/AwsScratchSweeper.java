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
 * Removes the AWS scratch resources drills left behind once their {@code drillbook:expires-at} has passed,
 * in one account and region: EBS volumes and snapshots (found with DescribeVolumes and DescribeSnapshots tag
 * filters) and RDS and Aurora copies ({@link RdsLeftovers}: instances, clusters, snapshots), each only when it
 * carries drillbook's {@code drillbook:drill-id} tag. It answers in the local sweeper's {@link Swept} form,
 * so the worker's housekeeping can record it as evidence alike. A volume still attached, or one AWS refuses
 * to delete, is reported with the reason and tried again by the next sweep; the others are not held up by it.
 */
public final class AwsScratchSweeper {

  private static final String WHO = "sweeper";

  private final AwsClients aws;
  private final Clock clock;

  public AwsScratchSweeper(AwsClients aws, Clock clock) {
    this.aws = aws;
    this.clock = clock;
  }

  /**
   * One sweep of the account and region {@code access} reaches. Everything is listed before anything is
   * deleted: a listing that fails (permissions, network) fails the sweep with nothing half done.
   */
  public List<Swept> sweep(AwsAccess access) {
    List<ScratchLeftover> leftovers = new ArrayList<>(ebsLeftovers(access));
    leftovers.addAll(new RdsLeftovers(RdsSession.of(aws, WHO, access)).list());
    Instant now = clock.instant();
    List<Swept> swept = new ArrayList<>();
    for (ScratchLeftover l : leftovers) {
      expired(l, access.region(), now, swept);
    }
    return swept;
  }

  private List<ScratchLeftover> ebsLeftovers(AwsAccess access) {
    Ec2Session ec2 = new Ec2Session(aws.ec2(access), WHO, access.region());
    Map<String, String> drillbooks = new LinkedHashMap<>();
    drillbooks.put(DrillTags.DRILL_ID, "*");
    drillbooks.put(DrillTags.EXPIRES_AT, "*");
    List<ScratchLeftover> found = new ArrayList<>();
    for (Volume v : ec2.volumesTagged(drillbooks)) {
      String attached = "in-use".equals(v.stateAsString()) ? "it is attached to an instance; detach it, the next sweep removes it" : null;
      found.add(new ScratchLeftover(v.volumeId(), "ebs-volume", Ec2Session.tags(v.tags()), attached, () -> ec2.delete(v.volumeId())));
    }
    for (Snapshot s : ec2.snapshotsTagged(drillbooks)) {
      found.add(new ScratchLeftover(s.snapshotId(), "ebs-snapshot", Ec2Session.tags(s.tags()), null, () -> ec2.delete(s.snapshotId())));
    }
    return found;
  }

  /** Deletes the leftover when its expiry has passed, adding what happened to {@code swept}. */
  private static void expired(ScratchLeftover l, String region, Instant now, List<Swept> swept) {
    Map<String, String> tags = l.tags();
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
    String failure = l.blocked();
    if (failure == null) {
      try {
        l.delete().run();
        log.info("reclaimed {} {} in {}: expired at {}", l.kind(), l.id(), region, expires);
      } catch (ActionFailure e) {
        failure = e.getMessage();
      }
    }
    if (failure != null) {
      log.warn("could not reclaim {} {} in {}: {}", l.kind(), l.id(), region, failure);
    }
    swept.add(new Swept(region + "/" + l.id(), drill, step, l.kind(), "expired at " + expires, failure));
  }
}
