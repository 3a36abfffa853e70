package io.drillbook.provider.aws;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * {@code aurora-cluster}: an Aurora DB cluster, its cluster snapshots, and a scratch cluster restored from
 * one, with one instance in it (a restored Aurora cluster has no instance, so nothing could connect to it).
 */
final class ClusterFlavor implements RdsFlavor {

  private final RdsSession s;
  private final InstanceFlavor instances;

  ClusterFlavor(RdsSession session) {
    this.s = session;
    this.instances = new InstanceFlavor(session);
  }

  @Override
  public String noun() {
    return "DB cluster";
  }

  @Override
  public String sourceKey() {
    return "dbClusterIdentifier";
  }

  @Override
  public String copyKey() {
    return "dbClusterIdentifier";
  }

  @Override
  public Optional<DbState> describe(String id) {
    return s.find("rds:DescribeDBClusters", "DB cluster " + id, DbClusterNotFoundException.class,
        () -> s.rds().describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters()).map(ClusterFlavor::state);
  }

  static DbState state(DBCluster c) {
    List<String> members = c.dbClusterMembers().stream()
        .sorted(Comparator.comparing((DBClusterMember m) -> !Boolean.TRUE.equals(m.isClusterWriter())))
        .map(DBClusterMember::dbInstanceIdentifier).toList();
    return new DbState(c.dbClusterIdentifier(), c.dbClusterArn(), c.status(), c.engine(), c.engineVersion(), c.endpoint(), c.port(),
        members.size() > 1, RdsSession.tags(c.tagList()), c.dbSubnetGroup(),
        c.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(), c.dbClusterInstanceClass(), members);
  }

  @Override
  public Optional<SnapState> snapshot(String id) {
    return s.find("rds:DescribeDBClusterSnapshots", "DB cluster snapshot " + id, DbClusterSnapshotNotFoundException.class,
        () -> s.rds().describeDBClusterSnapshots(r -> r.dbClusterSnapshotIdentifier(id)).dbClusterSnapshots()).map(ClusterFlavor::state);
  }

  static SnapState state(DBClusterSnapshot x) {
    return new SnapState(x.dbClusterSnapshotIdentifier(), x.dbClusterSnapshotArn(), x.status(), x.snapshotCreateTime(),
        x.allocatedStorage(), RdsSession.tags(x.tagList()));
  }

  @Override
  public SnapState createSnapshot(String id, String source, Map<String, String> tags) {
    return state(s.call("rds:CreateDBClusterSnapshot", "DB cluster " + source, () -> s.rds().createDBClusterSnapshot(r -> r
        .dbClusterSnapshotIdentifier(id).dbClusterIdentifier(source).tags(RdsSession.tags(tags))).dbClusterSnapshot()));
  }

  @Override
  public Optional<SnapState> latestAutomatedSnapshot(String source) {
    return s.call("rds:DescribeDBClusterSnapshots", "automated snapshots of DB cluster " + source,
        () -> s.rds().describeDBClusterSnapshots(r -> r.dbClusterIdentifier(source).snapshotType("automated")).dbClusterSnapshots())
        .stream().filter(x -> "available".equals(x.status()) && x.snapshotCreateTime() != null)
        .max(Comparator.comparing(DBClusterSnapshot::snapshotCreateTime)).map(ClusterFlavor::state);
  }

  @Override
  public void restore(RestoreRequest r) {
    if (r.snapshot() != null) {
      s.call("rds:RestoreDBClusterFromSnapshot", "DB cluster snapshot " + r.snapshot(), () -> s.rds().restoreDBClusterFromSnapshot(b -> b
          .dbClusterIdentifier(r.target()).snapshotIdentifier(r.snapshot()).engine(r.source().engine())
          .dbSubnetGroupName(r.subnetGroup()).vpcSecurityGroupIds(r.securityGroups()).deletionProtection(false)
          .tags(RdsSession.tags(r.tags()))));
    } else {
      s.call("rds:RestoreDBClusterToPointInTime", "DB cluster " + r.source().id(), () -> s.rds().restoreDBClusterToPointInTime(b -> b
          .sourceDBClusterIdentifier(r.source().id()).dbClusterIdentifier(r.target()).useLatestRestorableTime(true)
          .restoreType("full-copy").dbSubnetGroupName(r.subnetGroup()).vpcSecurityGroupIds(r.securityGroups())
          .deletionProtection(false).tags(RdsSession.tags(r.tags()))));
    }
  }

  @Override
  public DbState awaitCopy(RestoreRequest r, StatusPoll poll) throws InterruptedException {
    poll.until(noun() + " " + r.target(), () -> describe(r.target()), DbState::status, Set.of("available"), failedStatuses(),
        InstanceFlavor.RESTORE_TIMEOUT);
    String instance = instanceOf(r.target());
    if (instances.describe(instance).isEmpty()) {
      String instanceClass = r.instanceClass() != null ? r.instanceClass() : writerClass(r.source());
      s.call("rds:CreateDBInstance", "DB cluster " + r.target(), () -> s.rds().createDBInstance(b -> b.dbInstanceIdentifier(instance)
          .dbClusterIdentifier(r.target()).engine(r.source().engine()).dbInstanceClass(instanceClass).publiclyAccessible(false)
          .tags(RdsSession.tags(r.tags()))));
    }
    instances.awaitCopy(new RestoreRequest(instance, null, r.source(), null, null, List.of(), r.tags()), poll);
    return describe(r.target()).orElseThrow();
  }

  /** The scratch cluster's one instance: its name derived from the cluster's, so a resumed attempt finds it. */
  static String instanceOf(String cluster) {
    String base = cluster.length() > 60 ? cluster.substring(0, 60).replaceAll("-+$", "") : cluster;
    return base + "-i1";
  }

  private String writerClass(DbState source) {
    if (source.members().isEmpty()) {
      throw new io.drillbook.provider.ActionFailure("step " + s.stepId() + ": DB cluster " + source.id() + " has no instance to copy the "
          + "instance class from; set `instanceClass` on the restore step, e.g. db.r6g.large");
    }
    return instances.describe(source.members().getFirst()).map(DbState::instanceClass).orElseThrow();
  }

  @Override
  public void failover(DbState db, String targetInstance) {
    s.call("rds:FailoverDBCluster", "DB cluster " + db.id(), () -> s.rds().failoverDBCluster(r -> r.dbClusterIdentifier(db.id())
        .targetDBInstanceIdentifier(targetInstance)));
  }

  @Override
  public Optional<String> cannotFailOver(DbState db) {
    return db.members().size() > 1 ? Optional.empty()
        : Optional.of("DB cluster " + db.id() + " has " + db.members().size() + " instance(s), so no reader can take over; add a reader");
  }

  @Override
  public void deleteCopy(DbState copy) {
    // An Aurora instance has no snapshots or backups of its own: only its identifier is given.
    for (String member : copy.members()) {
      s.call("rds:DeleteDBInstance", "DB instance " + member, () -> s.rds().deleteDBInstance(r -> r.dbInstanceIdentifier(member)));
    }
    s.call("rds:DeleteDBCluster", "DB cluster " + copy.id(), () -> s.rds().deleteDBCluster(r -> r.dbClusterIdentifier(copy.id())
        .skipFinalSnapshot(true)));
  }

  @Override
  public void deleteSnapshot(SnapState snapshot) {
    s.call("rds:DeleteDBClusterSnapshot", "DB cluster snapshot " + snapshot.id(),
        () -> s.rds().deleteDBClusterSnapshot(r -> r.dbClusterSnapshotIdentifier(snapshot.id())));
  }

  @Override
  public Set<String> failedStatuses() {
    return Set.of("failed", "incompatible-restore", "incompatible-parameters", "incompatible-network", "inaccessible-encryption-credentials");
  }
}
