package io.drillbook.provider.aws;

import static io.drillbook.provider.aws.Ec2Fake.field;
import static io.drillbook.provider.aws.Ec2Fake.snapshot;
import static io.drillbook.provider.aws.Ec2Fake.snapshotSet;
import static io.drillbook.provider.aws.Ec2Fake.volume;
import static io.drillbook.provider.aws.Ec2Fake.volumeSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.Steps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** aws/ebs-volume against WireMock stubs of the EC2 Query API (2016-11-15), with a real Ec2Client. */
class EbsVolumeDriverTest {

  @RegisterExtension static final AwsOperationLog OPS = new AwsOperationLog();

  private static final String DRILL = "drl-ebs-1";
  private static final Map<String, Object> CONFIG = Map.of("region", "eu-west-3", "volumeId", "vol-0prod");
  private static final String ZONE = "eu-west-3a";
  /** A describe filtered by the drill's tag (the form field's index depends on the filter order). */
  private static final String TAG_FILTER = field("Name", "tag:" + DrillTags.DRILL_ID);

  @TempDir Path work;
  private AwsFake fake;
  private Ec2Fake ec2;
  private AwsClients aws;
  private EbsVolumeDriver driver;
  private Steps steps;

  @BeforeEach
  void start() {
    fake = new AwsFake();
    ec2 = new Ec2Fake(fake);
    aws = fake.clients(OPS.recorder());
    driver = new EbsVolumeDriver(aws);
    steps = new Steps("aws", DRILL, work, "ebs-volume", CONFIG);
    ec2.stub("DescribeVolumes", volumeSet(volume("vol-0prod", "in-use", 100, ZONE, Map.of("env", "prod"))), "VolumeId.1=vol-0prod");
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  private Map<String, String> drillTags(String step) {
    return Map.of(DrillTags.DRILL_ID, DRILL, DrillTags.STEP_ID, step, DrillTags.EXPIRES_AT, "2026-11-30T00:00:00Z");
  }

  private void noEarlierSnapshot() {
    ec2.stub("DescribeSnapshots", snapshotSet(), TAG_FILTER);
  }

  private void snapshotCompletesAfterTwoPolls() {
    ec2.stub("CreateSnapshot", "<snapshotId>snap-0new</snapshotId><volumeId>vol-0prod</volumeId><status>pending</status>"
        + "<startTime>2026-11-28T23:00:00.000Z</startTime><volumeSize>100</volumeSize>" + Ec2Fake.tagSet(drillTags("snap")));
    ec2.sequence("DescribeSnapshots", List.of(
        snapshotSet(snapshot("snap-0new", "vol-0prod", "pending", 100, "2026-11-28T23:00:00.000Z", drillTags("snap"))),
        snapshotSet(snapshot("snap-0new", "vol-0prod", "pending", 100, "2026-11-28T23:00:00.000Z", drillTags("snap"))),
        snapshotSet(snapshot("snap-0new", "vol-0prod", "completed", 100, "2026-11-28T23:00:00.000Z", drillTags("snap")))),
        "SnapshotId.1=snap-0new");
  }

  @Test
  void snapshotRestoreVerifyDeleteWithTagsClientTokenAndHeartbeats() throws Exception {
    noEarlierSnapshot();
    snapshotCompletesAfterTwoPolls();
    ActionResult snap = driver.snapshot(steps.ctx("snap", Action.SNAPSHOT, Map.of()));
    assertEquals("snap-0new", snap.outputs().get("snapshotId"));
    assertEquals(ZONE, snap.outputs().get("availabilityZone"));
    assertEquals(List.of("snap-0new"), snap.outputs().get("createdResources"));
    assertTrue(steps.heartbeat.beats.stream().anyMatch(b -> b instanceof Progress p && p.phase().contains("pending")),
        "heartbeats while waiting: " + steps.heartbeat.beats);
    String create = fake.requests("CreateSnapshot").get(0).getBodyAsString();
    assertTrue(create.contains(field("TagSpecification.1.ResourceType", "snapshot")), create);
    assertTrue(create.contains(field("TagSpecification.1.Tag.1.Key", DrillTags.DRILL_ID)) && create.contains(DRILL), create);
    assertEquals(3, fake.count("DescribeSnapshots") - 1, "one tag lookup, then three polls until completed");

    ec2.stub("CreateVolume", "<volumeId>vol-0copy</volumeId><size>100</size><snapshotId>snap-0new</snapshotId>"
        + "<availabilityZone>eu-west-3b</availabilityZone><status>creating</status><volumeType>gp3</volumeType>");
    ec2.sequence("DescribeVolumes", List.of(
        volumeSet(volume("vol-0copy", "creating", 100, "eu-west-3b", drillTags("restore"))),
        volumeSet(volume("vol-0copy", "available", 100, "eu-west-3b", drillTags("restore")))), "VolumeId.1=vol-0copy");
    // EC2's tag filters may not list a volume created a moment ago: the retry below then relies on the client token.
    ec2.stub("DescribeVolumes", volumeSet(), TAG_FILTER);
    Map<String, Object> with = Map.of("target", "scratch", "availabilityZone", "eu-west-3b", "keepFor", "4h");
    ActionResult restored = driver.restore(steps.ctx("restore", Action.RESTORE, with, "snap", snap.outputs()));
    assertEquals("vol-0copy", restored.outputs().get("restoredVolumeId"));
    assertTrue(((Number) restored.outputs().get("rpoMillis")).longValue() > 0);
    // A retried restore (same drill and step) sends the same client token, so EC2 answers the same volume.
    driver.restore(steps.ctx("restore", Action.RESTORE, with, "snap", snap.outputs()));
    List<String> tokens = fake.requests("CreateVolume").stream().map(r -> r.getBodyAsString().replaceAll(".*ClientToken=([^&]+).*", "$1"))
        .toList();
    assertEquals(2, tokens.size());
    assertEquals(tokens.get(0), tokens.get(1));
    assertTrue(fake.requests("CreateVolume").get(0).getBodyAsString().contains(field("AvailabilityZone", "eu-west-3b")));

    ActionResult verified = driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "restore", restored.outputs()));
    assertEquals(100, verified.outputs().get("sizeGiB"));

    ec2.stub("DeleteVolume", "<return>true</return>", "VolumeId=vol-0copy");
    ec2.sequence("DescribeVolumes", List.of(volumeSet(volume("vol-0copy", "available", 100, "eu-west-3b", drillTags("restore"))),
        volumeSet(volume("vol-0copy", "deleting", 100, "eu-west-3b", drillTags("restore"))), volumeSet()), "VolumeId.1=vol-0copy");
    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", restored.outputs()));
    assertEquals(List.of("vol-0copy"), deleted.outputs().get("deleted"));
    assertEquals(1, fake.count("DeleteVolume"));
  }

  @Test
  void aSnapshotStartedByAnEarlierAttemptIsReusedNotTakenTwice() throws Exception {
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0old", "vol-0prod", "completed", 100, "2026-11-28T22:00:00.000Z",
        drillTags("snap"))), TAG_FILTER);
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0old", "vol-0prod", "completed", 100, "2026-11-28T22:00:00.000Z",
        drillTags("snap"))), "SnapshotId.1=snap-0old");
    ActionResult snap = driver.snapshot(steps.ctx("snap", Action.SNAPSHOT, Map.of()));
    assertEquals("snap-0old", snap.outputs().get("snapshotId"));
    assertEquals(0, fake.count("CreateSnapshot"));
    assertTrue(snap.observations().get(0).contains("earlier attempt"));
  }

  @Test
  void aRestoreResumedAfterTheWorkerDiedFindsItsVolumeAndSendsNoSecondCreateVolume() throws Exception {
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0new", "vol-0prod", "completed", 100, "2026-11-28T23:00:00.000Z",
        drillTags("snap"))), "SnapshotId.1=snap-0new");
    ec2.stub("DescribeVolumes", volumeSet(), TAG_FILTER);
    ec2.stub("CreateVolume", "<volumeId>vol-0copy</volumeId><size>100</size><snapshotId>snap-0new</snapshotId>"
        + "<availabilityZone>eu-west-3a</availabilityZone><status>creating</status><volumeType>gp3</volumeType>");
    // The first attempt dies while EC2 is still creating the volume: its polls fail on AWS's side until the attempt gives up.
    ec2.error("DescribeVolumes", 503, "Unavailable", "Service unavailable", "VolumeId.1=vol-0copy");
    Map<String, Object> snap = Map.of("snapshotId", "snap-0new", "availabilityZone", ZONE);
    ActionFailure died = assertThrows(ActionFailure.class, () -> driver.restore(steps.ctx("restore", Action.RESTORE, Map.of(), "snap", snap)));
    assertTrue(died.isRetryable(), died.getMessage());

    String created = "<item><volumeId>vol-0copy</volumeId><size>100</size><snapshotId>snap-0new</snapshotId>"
        + "<availabilityZone>eu-west-3a</availabilityZone><status>available</status><volumeType>gp3</volumeType>"
        + Ec2Fake.tagSet(drillTags("restore")) + "</item>";
    ec2.stub("DescribeVolumes", volumeSet(created), TAG_FILTER);
    ec2.stub("DescribeVolumes", volumeSet(created), "VolumeId.1=vol-0copy");
    ActionResult resumed = driver.restore(steps.ctx("restore", Action.RESTORE, Map.of(), "snap", snap));
    assertEquals("vol-0copy", resumed.outputs().get("restoredVolumeId"));
    assertEquals(1, fake.count("CreateVolume"), "exactly one restore request in the journal");
    assertTrue(resumed.observations().get(0).contains("earlier attempt"));
  }

  @Test
  void deleteRefusesAVolumeWithoutTheDrillsTag() {
    ActionContext ctx = steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", Map.of("createdResources", List.of("vol-0prod")));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.delete(ctx));
    assertTrue(f.getMessage().contains("refusing to delete volume vol-0prod: it has no drillbook:drill-id tag"), f.getMessage());
    assertEquals(0, fake.count("DeleteVolume"));
  }

  @Test
  void deleteFindsWhatAFailedRestoreCreatedByItsTags() throws Exception {
    ec2.stub("DescribeVolumes", volumeSet(volume("vol-0half", "available", 100, ZONE, drillTags("restore"))),
        TAG_FILTER);
    ec2.stub("DescribeSnapshots", snapshotSet(), TAG_FILTER);
    ec2.sequence("DescribeVolumes", List.of(volumeSet(volume("vol-0half", "available", 100, ZONE, drillTags("restore"))), volumeSet()),
        "VolumeId.1=vol-0half");
    ec2.stub("DeleteVolume", "<return>true</return>");
    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", Map.of()));
    assertEquals(List.of("vol-0half"), deleted.outputs().get("deleted"));
    assertTrue(fake.requests("DescribeVolumes").stream().anyMatch(r -> r.getBodyAsString().contains(field("Value.1", "restore"))));
  }

  @Test
  void accessDeniedNamesTheIamAction() {
    noEarlierSnapshot();
    ec2.error("CreateSnapshot", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(steps.ctx("snap", Action.SNAPSHOT, Map.of())));
    assertTrue(f.getMessage().contains("lacks the IAM permission ec2:CreateSnapshot"), f.getMessage());
    assertTrue(f.getMessage().contains("volume vol-0prod in eu-west-3"), f.getMessage());
    assertFalse(f.isRetryable());
  }

  @Test
  void aQuotaErrorFailsTheStepClearly() {
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0new", "vol-0prod", "completed", 100, "2026-11-28T23:00:00.000Z",
        drillTags("snap"))), "SnapshotId.1=snap-0new");
    ec2.stub("DescribeVolumes", volumeSet(), TAG_FILTER);
    ec2.error("CreateVolume", 400, "VolumeLimitExceeded", "You have exceeded your maximum gp3 storage limit of 50 TiB in this region.");
    Map<String, Object> snap = Map.of("snapshotId", "snap-0new", "availabilityZone", ZONE);
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.restore(steps.ctx("restore", Action.RESTORE, Map.of(), "snap", snap)));
    assertTrue(f.getMessage().contains("hit an AWS quota (VolumeLimitExceeded)"), f.getMessage());
    assertFalse(f.isRetryable());
  }

  @Test
  void aVolumeEc2NoLongerKnowsFailsVerifyAndCountsAsGoneForDelete() throws Exception {
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0new", "vol-0prod", "completed", 100, "2026-11-28T23:00:00.000Z",
        drillTags("snap"))), "SnapshotId.1=snap-0new");
    ec2.error("DescribeVolumes", 400, "InvalidVolume.NotFound", "The volume 'vol-0gone' does not exist.", "VolumeId.1=vol-0gone");
    Map<String, Object> restored = Map.of("snapshotId", "snap-0new", "restoredVolumeId", "vol-0gone", "createdResources", List.of("vol-0gone"));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "restore", restored)));
    assertTrue(f.getMessage().contains("volume vol-0gone no longer exists"), f.getMessage());
    ActionResult deleted = driver.delete(steps.ctx("cleanup", Action.DELETE, Map.of(), "restore", restored));
    assertEquals(List.of("vol-0gone"), deleted.outputs().get("alreadyGone"));
    assertEquals(0, fake.count("DeleteVolume"));
  }

  @Test
  void verifyFailsWhenTheRestoredVolumeIsSmallerThanTheSnapshot() {
    ec2.stub("DescribeSnapshots", snapshotSet(snapshot("snap-0new", "vol-0prod", "completed", 100, "2026-11-28T23:00:00.000Z",
        drillTags("snap"))), "SnapshotId.1=snap-0new");
    ec2.stub("DescribeVolumes", volumeSet(volume("vol-0small", "available", 50, ZONE, drillTags("restore"))), "VolumeId.1=vol-0small");
    Map<String, Object> restored = Map.of("snapshotId", "snap-0new", "restoredVolumeId", "vol-0small");
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(steps.ctx("check", Action.VERIFY, Map.of(), "restore", restored)));
    assertTrue(f.getMessage().contains("volume vol-0small has 50 GiB, less than the snapshot's 100 GiB"), f.getMessage());
  }
}
