package io.drillbook.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.drillbook.provider.aws.AwsFake.RDS_NS;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS scratch sweeper against EC2 and RDS Query stubs: only drillbook's expired volumes, snapshots and RDS/Aurora copies go. */
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

  /** The account holds no RDS or Aurora copies (the EBS tests). */
  private void noRdsCopies() {
    fake.stub(RDS_NS, "DescribeDBInstances", RdsXml.instances());
    fake.stub(RDS_NS, "DescribeDBClusters", RdsXml.clusters());
    fake.stub(RDS_NS, "DescribeDBSnapshots", RdsXml.snapshots());
    fake.stub(RDS_NS, "DescribeDBClusterSnapshots", RdsXml.clusterSnapshots());
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
    noRdsCopies();

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
    noRdsCopies();

    List<Swept> swept = new AwsScratchSweeper(aws, Clock.fixed(NOW, ZoneOffset.UTC)).sweep(new AwsAccess("sweep", "eu-west-3", null, null));

    assertTrue(swept.get(0).failure().contains("lacks the IAM permission ec2:DeleteVolume"), swept.get(0).failure());
    assertTrue(swept.get(1).removed());
  }

  @Test
  void expiredRdsAndAuroraCopiesGoInstancesFirstAndOnlyWhenTheyAreDrillbooks() {
    ec2.stub("DescribeVolumes", volumeSet());
    ec2.stub("DescribeSnapshots", snapshotSet());
    Map<String, String> old = tags("drl-7", "2026-11-29T10:00:00Z");
    fake.stub(RDS_NS, "DescribeDBInstances", RdsXml.instances(
        RdsXml.instance("prod-ehr", "available", "postgres", "db.example", 5432, true, Map.of()),
        RdsXml.instance("drill-restore-old", "available", "postgres", "db.example", 5432, false, old),
        RdsXml.instance("drill-restore-young", "available", "postgres", "db.example", 5432, false, tags("drl-8", "2026-11-30T10:00:00Z")),
        RdsXml.instance("drill-restore-going", "deleting", "postgres", null, 0, false, old),
        RdsXml.clusterInstance("drill-aurora-old-i1", "drill-aurora-old", old),
        RdsXml.clusterInstance("reporting-replica", "drill-aurora-mixed", Map.of())));
    fake.stub(RDS_NS, "DescribeDBClusters", RdsXml.clusters(
        RdsXml.cluster("drill-aurora-old", "available", "c.example", 5432, old, "drill-aurora-old-i1"),
        RdsXml.cluster("drill-aurora-mixed", "available", "m.example", 5432, old, "reporting-replica"),
        RdsXml.cluster("prod-aurora", "available", "p.example", 5432, Map.of(), "prod-aurora-1")));
    fake.stub(RDS_NS, "DescribeDBSnapshots", RdsXml.snapshots(RdsXml.snapshot("drill-snap-old", "prod-ehr", "available", old),
        RdsXml.snapshot("before-upgrade", "prod-ehr", "available", Map.of())));
    fake.stub(RDS_NS, "DescribeDBClusterSnapshots", RdsXml.clusterSnapshots(
        RdsXml.clusterSnapshot("drill-csnap-old", "prod-aurora", "available", old)));
    fake.stub(RDS_NS, "DeleteDBInstance", RdsXml.instance("x", "deleting"));
    fake.stub(RDS_NS, "DeleteDBCluster", RdsXml.cluster("drill-aurora-old", "deleting", null, 0, old));
    fake.stub(RDS_NS, "DeleteDBSnapshot", RdsXml.snapshot("drill-snap-old", "prod-ehr", "deleted", old));
    fake.stub(RDS_NS, "DeleteDBClusterSnapshot", RdsXml.clusterSnapshot("drill-csnap-old", "prod-aurora", "deleted", old));

    List<Swept> swept = new AwsScratchSweeper(aws, Clock.fixed(NOW, ZoneOffset.UTC)).sweep(new AwsAccess("sweep", "eu-west-3", null, null));

    assertEquals(List.of("eu-west-3/drill-restore-old", "eu-west-3/drill-aurora-old", "eu-west-3/drill-aurora-mixed",
        "eu-west-3/drill-snap-old", "eu-west-3/drill-csnap-old"), swept.stream().map(Swept::path).toList());
    assertEquals(List.of("rds-instance", "aurora-cluster", "aurora-cluster", "rds-snapshot", "aurora-cluster-snapshot"),
        swept.stream().map(Swept::kind).toList());
    assertEquals("drl-7", swept.get(0).drillId());
    assertTrue(swept.get(2).failure().contains("its instance reporting-replica does not carry the cluster's drillbook:drill-id tag"),
        swept.get(2).failure());
    List<String> deleted = new ArrayList<>();
    for (var r : fake.server.findAll(postRequestedFor(urlPathEqualTo("/")))) {
      String body = r.getBodyAsString();
      if (body.contains("Action=Delete")) {
        deleted.add(body.replaceAll(".*Action=(\\w+).*", "$1") + " " + body.replaceAll(".*(?:Identifier)=([\\w-]+).*", "$1"));
      }
    }
    assertEquals(List.of("DeleteDBInstance drill-restore-old", "DeleteDBInstance drill-aurora-old-i1", "DeleteDBCluster drill-aurora-old",
        "DeleteDBSnapshot drill-snap-old", "DeleteDBClusterSnapshot drill-csnap-old"), deleted, "the cluster's instance before the cluster");
    assertTrue(fake.requests("DescribeDBSnapshots").getFirst().getBodyAsString().contains("SnapshotType=manual"));
  }
}
