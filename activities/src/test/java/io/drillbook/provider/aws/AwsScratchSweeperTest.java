package io.drillbook.provider.aws;

import static io.drillbook.provider.aws.Ec2Fake.field;
import static io.drillbook.provider.aws.Ec2Fake.snapshot;
import static io.drillbook.provider.aws.Ec2Fake.snapshotSet;
import static io.drillbook.provider.aws.Ec2Fake.volume;
import static io.drillbook.provider.aws.Ec2Fake.volumeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.local.ScratchSweeper.Swept;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS scratch sweeper against EC2 Query stubs: only drillbook's expired volumes and snapshots go. */
class AwsScratchSweeperTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private AwsFake fake;
  private Ec2Fake ec2;
  private AwsClients aws;

  @BeforeEach
  void start() {
    fake = new AwsFake();
    ec2 = new Ec2Fake(fake);
    aws = fake.clients(OPS.recorder());
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  private static Map<String, String> tags(String drill, String expiresAt) {
    return Map.of(DrillTags.DRILL_ID, drill, DrillTags.STEP_ID, "restore", DrillTags.EXPIRES_AT, expiresAt);
  }

  @Test
  void expiredDrillResourcesAreDeletedTheRestKeptAndAnAttachedVolumeReported() {
    ec2.stub("DescribeVolumes", volumeSet(
        volume("vol-0old", "available", 100, "eu-west-3a", tags("drl-1", "2026-11-29T10:00:00Z")),
        volume("vol-0young", "available", 100, "eu-west-3a", tags("drl-2", "2026-11-29T14:00:00Z")),
        volume("vol-0attached", "in-use", 100, "eu-west-3a", tags("drl-3", "2026-11-28T10:00:00Z"))));
    ec2.stub("DescribeSnapshots", snapshotSet(
        snapshot("snap-0old", "vol-0prod", "completed", 100, "2026-11-27T10:00:00.000Z", tags("drl-1", "2026-11-28T00:00:00Z"))));
    ec2.stub("DeleteVolume", "<return>true</return>");
    ec2.stub("DeleteSnapshot", "<return>true</return>");

    List<Swept> swept = new AwsScratchSweeper(aws, Clock.fixed(NOW, ZoneOffset.UTC))
        .sweep(new AwsAccess("sweep", "eu-west-3", null, null));

    assertEquals(List.of("eu-west-3/vol-0old", "eu-west-3/vol-0attached", "eu-west-3/snap-0old"), swept.stream().map(Swept::path).toList());
    assertTrue(swept.get(0).removed() && swept.get(2).removed());
    assertEquals("drl-1", swept.get(0).drillId());
    assertEquals("expired at 2026-11-29T10:00:00Z", swept.get(0).reason());
    assertTrue(swept.get(1).failure().contains("attached to an instance"), swept.get(1).failure());
    assertEquals(1, fake.count("DeleteVolume"));
    assertTrue(fake.requests("DeleteVolume").get(0).getBodyAsString().contains("VolumeId=vol-0old"));
    assertEquals(1, fake.count("DeleteSnapshot"));
    String describe = fake.requests("DescribeVolumes").get(0).getBodyAsString();
    assertTrue(describe.contains(field("Filter.1.Name", "tag-key")) && describe.contains(field("Filter.1.Value.1", DrillTags.DRILL_ID))
        && describe.contains(field("Filter.2.Value.1", DrillTags.EXPIRES_AT)), "only drillbook's resources are listed: " + describe);
    assertTrue(fake.requests("DescribeSnapshots").get(0).getBodyAsString().contains(field("Owner.1", "self")));
  }

  @Test
  void aRefusedDeleteIsReportedAndDoesNotStopTheSweep() {
    ec2.stub("DescribeVolumes", volumeSet(volume("vol-0a", "available", 8, "eu-west-3a", tags("drl-1", "2026-11-29T10:00:00Z")),
        volume("vol-0b", "available", 8, "eu-west-3a", tags("drl-1", "2026-11-29T10:00:00Z"))));
    ec2.stub("DescribeSnapshots", snapshotSet());
    ec2.error("DeleteVolume", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.", "VolumeId=vol-0a");
    ec2.stub("DeleteVolume", "<return>true</return>", "VolumeId=vol-0b");

    List<Swept> swept = new AwsScratchSweeper(aws, Clock.fixed(NOW, ZoneOffset.UTC)).sweep(new AwsAccess("sweep", "eu-west-3", null, null));

    assertTrue(swept.get(0).failure().contains("lacks the IAM permission ec2:DeleteVolume"), swept.get(0).failure());
    assertTrue(swept.get(1).removed());
  }
}
