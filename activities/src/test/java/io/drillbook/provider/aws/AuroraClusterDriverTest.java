package io.drillbook.provider.aws;

import static io.drillbook.provider.aws.AwsFake.RDS_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.plan.Action;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.Steps;
import io.drillbook.provider.local.StreamingPair;
import io.drillbook.provider.local.TestSourceCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code aws/aurora-cluster} against the RDS fake: a cluster snapshot, a scratch cluster with its one instance,
 * verification on a real PostgreSQL cluster behind the restored endpoint, FailoverDBCluster (and back) measured
 * by the canary behind a moving endpoint, and the guarded delete of instance, cluster and snapshot.
 */
class AuroraClusterDriverTest extends RdsFakeTest {

  private static final String CLUSTER = "prod-ehr-cluster";

  private AuroraClusterDriver driver;

  @Override
  void useClients(AwsClients clients) {
    driver = new AuroraClusterDriver(clients);
  }

  /** As the canary's owner (postgres, trusted) or as the password user verify steps use. */
  private Steps steps(String drill, String user) {
    if (!TestSourceCluster.SECRET_USER.equals(user)) {
      return new Steps("aws", drill, work, "aurora-cluster", Map.of("region", "eu-west-3", "dbClusterIdentifier", CLUSTER,
          "database", "ehr", "user", user));
    }
    Steps s = new Steps("aws", drill, work, "aurora-cluster", Map.of("region", "eu-west-3", "dbClusterIdentifier", CLUSTER,
        "database", "ehr", "user", user, "credentialsRef", "env:EHR_PASSWORD"));
    s.secrets = Map.of("env:EHR_PASSWORD", TestSourceCluster.SECRET_PASSWORD);
    return s;
  }

  private void productionCluster(int port, Map<String, String> tags) {
    fake.resource(RDS_NS, "DescribeDBClusters", "DBClusterIdentifier=" + CLUSTER, "DBClusterNotFoundFault")
        .exists(List.of(RdsXml.clusters(RdsXml.cluster(CLUSTER, "available", "127.0.0.1", port, tags, "prod-writer", "prod-reader"))));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=prod-writer", "DBInstanceNotFound")
        .exists(List.of(RdsXml.instances(RdsXml.instance("prod-writer", "available", "aurora-postgresql", null, 0, false, Map.of()))));
  }

  @Test
  void snapshotRestoreWithItsInstanceVerifyAndDelete() throws Exception {
    Steps s = steps("drl-aurora-1", TestSourceCluster.SECRET_USER);
    productionCluster(production.port, Map.of());

    ActionContext snapCtx = s.ctx("snapshot", Action.SNAPSHOT, Map.of());
    String snapId = AwsNames.identifier(snapCtx, "drill-snap");
    Map<String, String> snapTags = DrillTags.forStep(snapCtx, null);
    fake.resource(RDS_NS, "DescribeDBClusterSnapshots", "DBClusterSnapshotIdentifier=" + snapId, "DBClusterSnapshotNotFoundFault")
        .after("CreateDBClusterSnapshot", "DBClusterSnapshotIdentifier=" + snapId, RdsXml.clusterSnapshot(snapId, CLUSTER, "creating", snapTags),
            List.of(RdsXml.clusterSnapshots(RdsXml.clusterSnapshot(snapId, CLUSTER, "creating", snapTags)),
                RdsXml.clusterSnapshots(RdsXml.clusterSnapshot(snapId, CLUSTER, "available", snapTags))))
        .deletedBy("DeleteDBClusterSnapshot", RdsXml.clusterSnapshot(snapId, CLUSTER, "deleting", snapTags), List.of());
    Map<String, Object> snap = driver.snapshot(snapCtx).outputs();
    production.copyTo(restoredCopy, "ehr");
    assertEquals(snapId, snap.get("snapshotId"));
    assertTrue(((Map<?, ?>) snap.get("rowCounts")).containsKey("public.patient_visit"), snap.toString());

    ActionContext restoreCtx = s.ctx("restore", Action.RESTORE, Map.of("vpcSecurityGroupIds", List.of("sg-0isolated")), "snapshot", snap);
    String target = scratchCluster(restoreCtx, "RestoreDBClusterFromSnapshot", "DBClusterIdentifier");
    String instance = ClusterFlavor.instanceOf(target);
    Map<String, Object> restored = driver.restore(restoreCtx).outputs();
    assertEquals(target, restored.get("dbClusterIdentifier"));
    assertEquals(List.of(instance), restored.get("instances"));
    String restore = fake.requests("RestoreDBClusterFromSnapshot").getFirst().getBodyAsString();
    assertTrue(restore.contains("SnapshotIdentifier=" + snapId) && restore.contains("Engine=aurora-postgresql")
        && restore.contains("VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-0isolated") && restore.contains("DBSubnetGroupName=prod-subnets"), restore);
    String create = fake.requests("CreateDBInstance").getFirst().getBodyAsString();
    assertTrue(create.contains("DBClusterIdentifier=" + target) && create.contains("DBInstanceClass=db.t4g.medium"),
        "the instance joins the scratch cluster with the source writer's class: " + create);

    Map<String, Object> verified = driver.verify(s.ctx("verify", Action.VERIFY, Map.of("checksums", true,
        "rowCounts", Map.of()), "restore", restored)).outputs();
    assertEquals(snap.get("rowCounts"), verified.get("rowCounts"));

    driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", restored));
    String deleteInstance = fake.requests("DeleteDBInstance").getFirst().getBodyAsString();
    assertTrue(deleteInstance.contains("DBInstanceIdentifier=" + instance) && !deleteInstance.contains("SkipFinalSnapshot"), deleteInstance);
    assertTrue(fake.requests("DeleteDBCluster").getFirst().getBodyAsString().contains("SkipFinalSnapshot=true"));
    driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
    assertEquals(1, fake.count("DeleteDBClusterSnapshot"));
  }

  /** The scratch cluster {@code createdBy} starts, with the instance the driver adds, both deletable. */
  private String scratchCluster(ActionContext restoreCtx, String createdBy, String field) {
    String target = AwsNames.identifier(restoreCtx, "drill-restore");
    String instance = ClusterFlavor.instanceOf(target);
    Map<String, String> tags = DrillTags.forStep(restoreCtx, null);
    fake.resource(RDS_NS, "DescribeDBClusters", "DBClusterIdentifier=" + target, "DBClusterNotFoundFault")
        .after(createdBy, field + "=" + target, RdsXml.cluster(target, "creating", null, 0, tags),
            List.of(RdsXml.clusters(RdsXml.cluster(target, "creating", null, 0, tags)),
                RdsXml.clusters(RdsXml.cluster(target, "available", "127.0.0.1", restoredCopy.port, tags)),
                RdsXml.clusters(RdsXml.cluster(target, "available", "127.0.0.1", restoredCopy.port, tags, instance))))
        .deletedBy("DeleteDBCluster", RdsXml.cluster(target, "deleting", null, 0, tags),
            List.of(RdsXml.clusters(RdsXml.cluster(target, "deleting", null, 0, tags))));
    fake.resource(RDS_NS, "DescribeDBInstances", "DBInstanceIdentifier=" + instance, "DBInstanceNotFound")
        .after("CreateDBInstance", "DBInstanceIdentifier=" + instance, RdsXml.instance(instance, "creating"),
            List.of(RdsXml.instances(RdsXml.instance(instance, "creating", "aurora-postgresql", null, 0, false, tags)),
                RdsXml.instances(RdsXml.instance(instance, "available", "aurora-postgresql", "127.0.0.1", restoredCopy.port, false, tags))))
        .deletedBy("DeleteDBInstance", RdsXml.instance(instance, "deleting"), List.of());
    return target;
  }

  @Test
  void pointInTimeRestoreCopiesTheClusterAtItsLatestRestorableTime() throws Exception {
    Steps s = steps("drl-aurora-4", "postgres");
    productionCluster(production.port, Map.of());
    ActionContext ctx = s.ctx("restore", Action.RESTORE, Map.of("source", "latest-restorable-time", "instanceClass", "db.r6g.large",
        "subnetGroup", "drill-isolated"));
    String target = scratchCluster(ctx, "RestoreDBClusterToPointInTime", "DBClusterIdentifier");
    assertEquals(target, driver.restore(ctx).outputs().get("dbClusterIdentifier"));
    String body = fake.requests("RestoreDBClusterToPointInTime").getFirst().getBodyAsString();
    for (String field : List.of("SourceDBClusterIdentifier=" + CLUSTER, "UseLatestRestorableTime=true", "RestoreType=full-copy",
        "DBSubnetGroupName=drill-isolated")) {
      assertTrue(body.contains(field), field + " in " + body);
    }
    assertTrue(fake.requests("CreateDBInstance").getFirst().getBodyAsString().contains("DBInstanceClass=db.r6g.large"));
  }

  @Test
  void failoverToAReaderAndBackAreMeasuredByTheCanary() throws Exception {
    Steps s = steps("drl-aurora-2", "postgres");
    Map<String, String> consent = Map.of(DrillTags.DISRUPTION_ALLOWED, "true");
    try (StreamingPair first = new StreamingPair(clusters.newDirectory("pair-1"));
        StreamingPair second = new StreamingPair(clusters.newDirectory("pair-2"));
        TcpProxy endpoint = new TcpProxy(first.primaryPort())) {
      String before = RdsXml.clusters(RdsXml.cluster(CLUSTER, "available", "127.0.0.1", endpoint.port(), consent, "prod-writer", "prod-reader"));
      String after = RdsXml.clusters(RdsXml.cluster(CLUSTER, "available", "127.0.0.1", endpoint.port(), consent, "prod-reader", "prod-writer"));
      fake.resource(RDS_NS, "DescribeDBClusters", "DBClusterIdentifier=" + CLUSTER, "DBClusterNotFoundFault").exists(List.of(before))
          .after("FailoverDBCluster", "TargetDBInstanceIdentifier=prod-reader", RdsXml.cluster(CLUSTER, "failing-over", null, 0, consent),
              List.of(after))
          .after("FailoverDBCluster", "TargetDBInstanceIdentifier=prod-writer", RdsXml.cluster(CLUSTER, "failing-over", null, 0, consent),
              List.of(before));
      Map<String, Object> failover = measured(endpoint, first, "prod-reader",
          () -> driver.failover(s.ctx("failover", Action.FAILOVER, Map.of("targetInstance", "prod-reader", "canaryInterval", "50ms"))).outputs());
      assertEquals("prod-writer", failover.get("writerBefore"));
      assertEquals("prod-reader", failover.get("writerAfter"));
      assertTrue(((Number) failover.get("rtoMillis")).longValue() >= 0, failover.toString());

      // The failback: the former writer's side is a fresh primary/standby pair behind the same endpoint.
      endpoint.moveTo(second.primaryPort());
      Map<String, Object> failback = measured(endpoint, second, "prod-writer",
          () -> driver.failback(s.ctx("failback", Action.FAILBACK, Map.of("canaryInterval", "50ms"), "failover", failover)).outputs());
      assertEquals("prod-writer", failback.get("writerAfter"));
      assertEquals(2, fake.count("FailoverDBCluster"));
    }
  }

  interface Failover {
    Map<String, Object> run() throws Exception;
  }

  /** Runs {@code failover} while playing Aurora: when FailoverDBCluster names {@code target}, the pair fails over and the endpoint follows. */
  private Map<String, Object> measured(TcpProxy endpoint, StreamingPair pair, String target, Failover failover) throws Exception {
    Thread aurora = Thread.ofPlatform().start(() -> {
      try {
        while (fake.requests("FailoverDBCluster").stream().noneMatch(r -> r.getBodyAsString().contains("TargetDBInstanceIdentifier=" + target))) {
          Thread.sleep(20);
        }
        pair.failover();
        endpoint.moveTo(pair.standbyPort());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Map<String, Object> out = failover.run();
    aurora.join();
    return out;
  }

  @Test
  void aSingleInstanceClusterCannotFailOver() {
    Steps s = steps("drl-aurora-3", "postgres");
    fake.resource(RDS_NS, "DescribeDBClusters", "DBClusterIdentifier=" + CLUSTER, "DBClusterNotFoundFault").exists(List.of(
        RdsXml.clusters(RdsXml.cluster(CLUSTER, "available", "127.0.0.1", production.port, Map.of(DrillTags.DISRUPTION_ALLOWED, "true"),
            "prod-writer"))));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.failover(s.ctx("failover", Action.FAILOVER, Map.of())));
    assertTrue(f.getMessage().contains("has 1 instance(s), so no reader can take over"), f.getMessage());
    assertEquals(0, fake.count("FailoverDBCluster"));
  }
}
