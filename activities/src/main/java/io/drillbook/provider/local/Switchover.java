package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The measured part of a failover or failback: with a canary writer running against the primary, the
 * primary is stopped (the simulated failure, or the planned hand-over), the streaming standby is promoted,
 * and the writer's acknowledgements give the numbers:
 *
 * <ul>
 *   <li>RTO = first write acknowledged by the new primary − last write acknowledged by the old one;
 *   <li>RPO = the writes the old primary acknowledged that the new one does not have ({@code rowsLost}), and
 *       as time, the span between the newest write that survived and the last acknowledged one.
 * </ul>
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
      CanaryWriter.createTable(c);
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
      List<CanaryWriter.Ack> acks = writer.acks();
      List<CanaryWriter.Ack> onOld = acks.stream().filter(x -> x.port() == oldEp.port()).toList();
      CanaryWriter.Ack lastOld = onOld.getLast();
      CanaryWriter.Ack firstNew = acks.stream().filter(x -> x.port() == newEp.port()).findFirst().orElseThrow();
      Set<Long> survived = present(newEp, onOld);
      List<CanaryWriter.Ack> lost = onOld.stream().filter(x -> !survived.contains(x.seq())).toList();
      long newestSurvivorAt = onOld.stream().filter(x -> survived.contains(x.seq())).mapToLong(CanaryWriter.Ack::atMillis).max()
          .orElse(onOld.getFirst().atMillis());
      out.put("rtoMillis", firstNew.atMillis() - lastOld.atMillis());
      out.put("rowsLost", lost.size());
      out.put("rpoMillis", lost.isEmpty() ? 0 : lastOld.atMillis() - newestSurvivorAt);
      out.put("rtoMeasuredBy", "canary: last write acknowledged by the old primary to first write accepted by the new one");
      out.put("rpoMeasuredBy", "canary: acknowledged writes missing on the new primary");
      out.put("canaryWrites", acks.size());
      out.put("canaryIntervalMillis", interval.toMillis());
      out.put("lastAckOnOldAtMillis", lastOld.atMillis());
      out.put("firstAckOnNewAtMillis", firstNew.atMillis());
    }
    a.log().info("switchover measured: RTO {} ms, {} canary rows lost (RPO {} ms)", out.get("rtoMillis"), out.get("rowsLost"), out.get("rpoMillis"));
    return out;
  }

  /** Which of the old primary's acknowledged writes the new primary has. */
  private Set<Long> present(PgEndpoint newEp, List<CanaryWriter.Ack> onOld) throws SQLException {
    try (Connection c = newEp.connect();
        PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + CanaryWriter.TABLE + " WHERE seq = ANY (?)")) {
      Array seqs = c.createArrayOf("bigint", onOld.stream().map(CanaryWriter.Ack::seq).toArray());
      ps.setArray(1, seqs);
      Set<Long> found = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getLong(1));
        }
      }
      return found;
    }
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
