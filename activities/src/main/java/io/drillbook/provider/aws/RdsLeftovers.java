package io.drillbook.provider.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * The RDS and Aurora scratch copies drills created in one account and region: DB instances, DB clusters
 * (after the instances, so a cluster's instances are already going when the cluster is deleted), DB
 * snapshots and cluster snapshots. RDS describe calls take no tag filters, so every page is listed and each
 * resource's {@code TagList} read from the answer. Resources already being deleted are left alone.
 */
final class RdsLeftovers {

  private static final String DELETING = "deleting";

  private final RdsSession s;
  private final InstanceFlavor instances;
  private final ClusterFlavor clusters;

  RdsLeftovers(RdsSession session) {
    this.s = session;
    this.instances = new InstanceFlavor(session);
    this.clusters = new ClusterFlavor(session);
  }

  List<ScratchLeftover> list() {
    List<ScratchLeftover> found = new ArrayList<>();
    Map<String, DBInstance> allInstances = s.call("rds:DescribeDBInstances", "DB instances",
        () -> s.rds().describeDBInstancesPaginator(r -> {}).dbInstances().stream()
            .collect(Collectors.toMap(DBInstance::dbInstanceIdentifier, Function.identity(), (a, b) -> a, LinkedHashMap::new)));
    for (DBInstance i : allInstances.values()) {
      // An Aurora instance goes with its cluster: ClusterFlavor deletes the members first.
      if (i.dbClusterIdentifier() == null && !DELETING.equals(i.dbInstanceStatus())) {
        DbState db = InstanceFlavor.state(i);
        add(found, db.id(), "rds-instance", db.tags(), null, () -> instances.deleteCopy(db));
      }
    }
    for (DBCluster c : s.call("rds:DescribeDBClusters", "DB clusters", () -> s.rds().describeDBClustersPaginator(r -> {}).dbClusters()
        .stream().toList())) {
      if (!DELETING.equals(c.status())) {
        DbState db = ClusterFlavor.state(c);
        add(found, db.id(), "aurora-cluster", db.tags(), foreignMember(c, db.tags(), allInstances), () -> clusters.deleteCopy(db));
      }
    }
    for (DBSnapshot x : s.call("rds:DescribeDBSnapshots", "DB snapshots", () -> s.rds()
        .describeDBSnapshotsPaginator(r -> r.snapshotType("manual")).dbSnapshots().stream().toList())) {
      if (!DELETING.equals(x.status())) {
        SnapState snap = InstanceFlavor.state(x);
        add(found, snap.id(), "rds-snapshot", snap.tags(), null, () -> instances.deleteSnapshot(snap));
      }
    }
    for (DBClusterSnapshot x : s.call("rds:DescribeDBClusterSnapshots", "DB cluster snapshots", () -> s.rds()
        .describeDBClusterSnapshotsPaginator(r -> r.snapshotType("manual")).dbClusterSnapshots().stream().toList())) {
      if (!DELETING.equals(x.status())) {
        SnapState snap = ClusterFlavor.state(x);
        add(found, snap.id(), "aurora-cluster-snapshot", snap.tags(), null, () -> clusters.deleteSnapshot(snap));
      }
    }
    return found;
  }

  private static void add(List<ScratchLeftover> found, String id, String kind, Map<String, String> tags, String blocked, Runnable delete) {
    if (ScratchLeftover.drillbooks(tags)) {
      found.add(new ScratchLeftover(id, kind, tags, blocked, delete));
    }
  }

  /** A cluster is deleted with its instances: only when each of them carries the cluster's drill tag. */
  private static String foreignMember(DBCluster c, Map<String, String> tags, Map<String, DBInstance> allInstances) {
    for (DBClusterMember m : c.dbClusterMembers()) {
      DBInstance i = allInstances.get(m.dbInstanceIdentifier());
      String owner = i == null ? null : RdsSession.tags(i.tagList()).get(DrillTags.DRILL_ID);
      if (!Objects.equals(owner, tags.get(DrillTags.DRILL_ID))) {
        return "its instance " + m.dbInstanceIdentifier() + " does not carry the cluster's " + DrillTags.DRILL_ID
            + " tag, so drillbook does not delete it; delete the cluster by hand if it is a drill's";
      }
    }
    return null;
  }
}
