package io.drillbook.provider.aws;

import java.util.Optional;
import java.util.Set;

/**
 * The RDS calls that differ between a DB instance ({@code rds-instance}) and an Aurora DB cluster
 * ({@code aurora-cluster}); the drill's logic (find what an earlier attempt created, guard, wait, measure,
 * verify) is written once on top of it.
 */
interface RdsFlavor {

  /** "DB instance" or "DB cluster", for messages. */
  String noun();

  /** The resource's config key naming the source database. */
  String sourceKey();

  /** The key of the outputs naming the copy a restore created (read by verify, failover and delete). */
  String copyKey();

  Optional<DbState> describe(String id);

  Optional<SnapState> snapshot(String id);

  SnapState createSnapshot(String id, String source, java.util.Map<String, String> tags);

  /** The newest available automated snapshot of {@code source}. */
  Optional<SnapState> latestAutomatedSnapshot(String source);

  /** Starts the copy (RestoreDB...FromSnapshot or ...ToPointInTime); {@link #awaitCopy} waits for it. */
  void restore(RestoreRequest r);

  /** Waits until the copy serves connections (for a cluster: also creates and waits for its instance). */
  DbState awaitCopy(RestoreRequest r, StatusPoll poll) throws InterruptedException;

  /** Starts the failover of a production database (RebootDBInstance with failover, FailoverDBCluster). */
  void failover(DbState db, String targetInstance);

  /** Why this database cannot fail over, or empty. */
  Optional<String> cannotFailOver(DbState db);

  /** Deletes a copy the drill created (its instances first for a cluster). */
  void deleteCopy(DbState copy);

  void deleteSnapshot(SnapState snapshot);

  /** Statuses a copy does not recover from on its own. */
  Set<String> failedStatuses();
}
