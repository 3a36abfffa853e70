package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measured part of a failover or failback: with a canary writer running against the primary, the
 * primary is stopped (the simulated failure, or the planned hand-over), the streaming standby is promoted,
 * and the writer's acknowledgements give the numbers ({@link CanaryWriter#measure}).
 *
 * The failure is injected and the promotion issued at once, so the RTO excludes the time a real team or
 * tool would take to notice the failure and decide.
 */
final class Switchover {

  private static final int WARM_UP_WRITES = 5;
  private static final int CONFIRM_WRITES = 3;

  private final PgAction a;

  Switchover(PgAction a) {
    this.a = a;
  }

  /**
   * @param stopMode {@code immediate} (a crash: failover) or {@code fast} (clean: failback)
   * @return rtoMillis, rpoMillis, rowsLost, canaryWrites, lastAckOnOldAtMillis, firstAckOnNewAtMillis
   */
  Map<String, Object> run(ScratchCluster primary, ScratchCluster standby, String database, String stopMode, Duration interval) throws Exception {
    String user = a.user();
    PgEndpoint oldEp = primary.endpoint(database, user);
    PgEndpoint newEp = standby.endpoint(database, user);
    long firstSeq;
    try (Connection c = oldEp.connect()) {
      CanaryWriter.createTable(c, SqlDialect.POSTGRESQL);
      firstSeq = CanaryWriter.nextSeq(c);
    } catch (java.sql.SQLException e) {
      throw PgFaults.fromSql(e, a.situation("creating the canary table on the primary", oldEp, null));
    }
    awaitStreaming(oldEp);
    Map<String, Object> out = new LinkedHashMap<>();
    try (CanaryWriter writer = new CanaryWriter(List.of(oldEp.port(), newEp.port()), database, user, interval)) {
      writer.start(firstSeq);
      if (!writer.awaitAcks(oldEp.port(), WARM_UP_WRITES, Duration.ofSeconds(30))) {
        throw new ActionFailure("step " + a.stepId() + ": the canary writer could not write to the primary " + oldEp.where()
            + " within 30 s; check the scratch cluster's log " + primary.logFile());
      }
      a.log().info("stopping the primary on port {} (-m {}) and promoting the standby on port {}", oldEp.port(), stopMode, newEp.port());
      primary.stop(stopMode);
      standby.promote();
      if (!writer.awaitAcks(newEp.port(), CONFIRM_WRITES, Duration.ofSeconds(120))) {
        throw new ActionFailure("step " + a.stepId() + ": the promoted standby " + newEp.where()
            + " accepted no canary write within 120 s; check its log " + standby.logFile());
      }
      writer.close();
      out.putAll(writer.measure(x -> x.port() == oldEp.port(), x -> x.port() == newEp.port(), newEp));
    }
    a.log().info("switchover measured: RTO {} ms, {} canary rows lost (RPO {} ms)", out.get("rtoMillis"), out.get("rowsLost"), out.get("rpoMillis"));
    return out;
  }

  /** The standby is a useful target only once it streams from the primary. */
  void awaitStreaming(PgEndpoint primary) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection c = primary.connect(); Statement st = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return;
          }
        }
        Thread.sleep(100);
      }
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, a.situation("waiting for the standby to stream", primary, null));
    }
    throw new ActionFailure("step " + a.stepId() + ": the standby never started streaming from the primary " + primary.where()
        + " within 60 s; see the standby's postgres.log next to its data directory");
  }
}
