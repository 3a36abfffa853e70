package io.drillbook.provider.local;

import java.nio.file.Path;

/**
 * A primary with the demo database {@code ehr} and a streaming standby of it, both scratch clusters on this
 * machine: what stands behind a Multi-AZ or Aurora endpoint in the aws provider's failover tests.
 * {@link #failover} crashes the primary and promotes the standby, as the cloud service would.
 */
public final class StreamingPair implements AutoCloseable {

  private final TestSourceCluster primary;
  private final ScratchCluster standby;

  public StreamingPair(Path root) throws Exception {
    primary = new TestSourceCluster(root);
    ClusterOwner owner = ClusterOwner.forThisProcess();
    PgTool tools = new PgTool(PgBinaries.locate(null), owner, root, new FakeHeartbeat(), StepLog.of(StreamingPair.class, "test", "pair"));
    standby = new ScratchCluster(root.resolve("standby"), tools, "pair");
    owner.createOwnedDirectory(standby.home());
    standby.baseBackupFrom(primary.endpoint("ehr"), true);
    standby.configure(FreePort.pick(), "postgres");
    // A hot standby needs at least the primary's max_wal_senders (10, the default of the test primary).
    java.nio.file.Files.writeString(standby.dataDir().resolve("postgresql.auto.conf"), "max_wal_senders = 10\n",
        java.nio.file.StandardOpenOption.APPEND);
    standby.start("postgres");
  }

  public int primaryPort() {
    return primary.port;
  }

  public int standbyPort() throws Exception {
    return standby.port();
  }

  /** The primary crashes ({@code -m immediate}), the standby is promoted. */
  public void failover() throws Exception {
    primary.close();
    standby.promote();
  }

  /** The standby is promoted while the primary keeps running: a read replica promoted for a drill. */
  public void promoteStandby() throws Exception {
    standby.promote();
  }

  @Override
  public void close() throws Exception {
    standby.stop("immediate");
    primary.close();
  }
}
