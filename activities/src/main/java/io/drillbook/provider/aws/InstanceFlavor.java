package io.drillbook.provider.aws;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/** {@code rds-instance}: a DB instance, its DB snapshots, a scratch instance restored from one. */
final class InstanceFlavor implements RdsFlavor {

  static final Duration RESTORE_TIMEOUT = Duration.ofHours(6);

  private final RdsSession s;

  InstanceFlavor(RdsSession session) {
    this.s = session;
  }

  @Override
  public String noun() {
    return "DB instance";
  }

  @Override
  public String sourceKey() {
    return "dbInstanceIdentifier";
  }

  @Override
  public String copyKey() {
    return "dbInstanceIdentifier";
  }

  @Override
  public Optional<DbState> describe(String id) {
    return s.find("rds:DescribeDBInstances", "DB instance " + id, DbInstanceNotFoundException.class,
        () -> s.rds().describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances()).map(InstanceFlavor::state);
  }

  static DbState state(DBInstance i) {
    return new DbState(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.dbInstanceStatus(), i.engine(), i.engineVersion(),
        i.endpoint() == null ? null : i.endpoint().address(), i.endpoint() == null ? null : i.endpoint().port(),
        Boolean.TRUE.equals(i.multiAZ()), RdsSession.tags(i.tagList()),
        i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName(),
        i.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(), i.dbInstanceClass(), List.of());
  }

  @Override
  public Optional<SnapState> snapshot(String id) {
    return s.find("rds:DescribeDBSnapshots", "DB snapshot " + id, DbSnapshotNotFoundException.class,
        () -> s.rds().describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)).dbSnapshots()).map(InstanceFlavor::state);
  }

  static SnapState state(DBSnapshot x) {
    return new SnapState(x.dbSnapshotIdentifier(), x.dbSnapshotArn(), x.status(), x.snapshotCreateTime(), x.allocatedStorage(),
        RdsSession.tags(x.tagList()));
  }

  @Override
  public SnapState createSnapshot(String id, String source, Map<String, String> tags) {
    return state(s.call("rds:CreateDBSnapshot", "DB instance " + source, () -> s.rds().createDBSnapshot(r -> r.dbSnapshotIdentifier(id)
        .dbInstanceIdentifier(source).tags(RdsSession.tags(tags))).dbSnapshot()));
  }

  @Override
  public Optional<SnapState> latestAutomatedSnapshot(String source) {
    return s.call("rds:DescribeDBSnapshots", "automated snapshots of DB instance " + source,
        () -> s.rds().describeDBSnapshots(r -> r.dbInstanceIdentifier(source).snapshotType("automated")).dbSnapshots())
        .stream().filter(x -> "available".equals(x.status()) && x.snapshotCreateTime() != null)
        .max(Comparator.comparing(DBSnapshot::snapshotCreateTime)).map(InstanceFlavor::state);
  }

  @Override
  public void restore(RestoreRequest r) {
    if (r.snapshot() != null) {
      s.call("rds:RestoreDBInstanceFromDBSnapshot", "DB snapshot " + r.snapshot(), () -> s.rds().restoreDBInstanceFromDBSnapshot(b -> b
          .dbInstanceIdentifier(r.target()).dbSnapshotIdentifier(r.snapshot()).dbInstanceClass(r.instanceClass())
          .dbSubnetGroupName(r.subnetGroup()).vpcSecurityGroupIds(r.securityGroups()).multiAZ(false).publiclyAccessible(false)
          .deletionProtection(false).tags(RdsSession.tags(r.tags()))));
    } else {
      s.call("rds:RestoreDBInstanceToPointInTime", "DB instance " + r.source().id(), () -> s.rds().restoreDBInstanceToPointInTime(b -> b
          .sourceDBInstanceIdentifier(r.source().id()).targetDBInstanceIdentifier(r.target()).useLatestRestorableTime(true)
          .dbInstanceClass(r.instanceClass()).dbSubnetGroupName(r.subnetGroup()).vpcSecurityGroupIds(r.securityGroups())
          .multiAZ(false).publiclyAccessible(false).deletionProtection(false).tags(RdsSession.tags(r.tags()))));
    }
  }

  /** A read replica of {@code r.source()} named {@code r.target()}, in the network the plan names, tagged for the drill. */
  void createReadReplica(RestoreRequest r) {
    s.call("rds:CreateDBInstanceReadReplica", "DB instance " + r.source().id(), () -> s.rds().createDBInstanceReadReplica(b -> b
        .dbInstanceIdentifier(r.target()).sourceDBInstanceIdentifier(r.source().id()).dbInstanceClass(r.instanceClass())
        .dbSubnetGroupName(r.subnetGroup()).vpcSecurityGroupIds(r.securityGroups()).multiAZ(false).publiclyAccessible(false)
        .deletionProtection(false).tags(RdsSession.tags(r.tags()))));
  }

  /** Makes a read replica a standalone instance that accepts writes. */
  void promote(String replica) {
    s.call("rds:PromoteReadReplica", "DB instance " + replica, () -> s.rds().promoteReadReplica(r -> r.dbInstanceIdentifier(replica)));
  }

  @Override
  public DbState awaitCopy(RestoreRequest r, StatusPoll poll) throws InterruptedException {
    return poll.until(noun() + " " + r.target(), () -> describe(r.target()), DbState::status, Set.of("available"), failedStatuses(),
        RESTORE_TIMEOUT).orElseThrow();
  }

  @Override
  public void failover(DbState db, String targetInstance) {
    s.call("rds:RebootDBInstance", "DB instance " + db.id(), () -> s.rds().rebootDBInstance(r -> r.dbInstanceIdentifier(db.id()).forceFailover(true)));
  }

  @Override
  public Optional<String> cannotFailOver(DbState db) {
    return db.multiAz() ? Optional.empty()
        : Optional.of("DB instance " + db.id() + " is not Multi-AZ, so it has no standby to fail over to; use a Multi-AZ instance");
  }

  @Override
  public void deleteCopy(DbState copy) {
    s.call("rds:DeleteDBInstance", "DB instance " + copy.id(), () -> s.rds().deleteDBInstance(r -> r.dbInstanceIdentifier(copy.id())
        .skipFinalSnapshot(true).deleteAutomatedBackups(true)));
  }

  @Override
  public void deleteSnapshot(SnapState snapshot) {
    s.call("rds:DeleteDBSnapshot", "DB snapshot " + snapshot.id(), () -> s.rds().deleteDBSnapshot(r -> r.dbSnapshotIdentifier(snapshot.id())));
  }

  @Override
  public Set<String> failedStatuses() {
    return Set.of("failed", "incompatible-restore", "incompatible-parameters", "incompatible-network", "storage-full",
        "inaccessible-encryption-credentials", "restore-error");
  }
}
