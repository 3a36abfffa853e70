package io.drillbook.provider.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An application stand-in for failover drills: one insert into {@code drillbook_canary(seq, at)} every
 * interval, through a multi-host connection that goes to whichever of the clusters is the primary (as a
 * real client with {@code targetServerType=primary} would). Each acknowledged write is remembered with the
 * server that acknowledged it and the time the acknowledgement arrived; RTO and RPO are computed from
 * those ({@link #measure}). The same writer measures cloud failovers through one endpoint whose DNS name
 * moves to the new primary (RDS Multi-AZ, Aurora): there the servers are told apart by {@link Ack#server()}.
 * The SQL it sends is its endpoint's {@link SqlDialect}'s (PostgreSQL, MySQL or MariaDB).
 */
public final class CanaryWriter implements AutoCloseable {

  static final String TABLE = "drillbook_canary";

  /**
   * One write the server acknowledged (committed).
   *
   * @param port the port the server listens on
   * @param server which server: its address, port and start time (a promoted standby differs from the old primary in all three)
   */
  public record Ack(long seq, int port, String server, long atMillis) {}

  private final SqlDialect dialect;
  private volatile String url;
  private volatile boolean repointed;
  private final String user;
  private final String password;
  private final long intervalMillis;
  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private Thread thread;

  /** @param ports the clusters on 127.0.0.1 that may be primary, in order of preference */
  CanaryWriter(List<Integer> ports, String database, String user, Duration interval) {
    String hosts = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    this.dialect = SqlDialect.POSTGRESQL;
    // hostRecheckSeconds=0: re-probe a standby at every attempt, or its promotion would be noticed seconds late.
    this.url = PostgresDialect.canaryUrl(hosts, database) + "&hostRecheckSeconds=0";
    this.user = user;
    this.password = null;
    this.intervalMillis = Math.max(1, interval.toMillis());
  }

  /** A writer through one endpoint (a cloud database's DNS name, which follows the primary). */
  public CanaryWriter(PgEndpoint endpoint, Duration interval) {
    this.dialect = endpoint.dialect();
    this.url = dialect.canaryUrl(endpoint);
    this.user = endpoint.user();
    this.password = endpoint.password();
    this.intervalMillis = Math.max(1, interval.toMillis());
  }

  public static void createTable(Connection c, SqlDialect dialect) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(dialect.canaryTableDdl());
    }
  }

  /** Removes the table, for canaries written into a production database (nothing of the drill stays there). */
  public static void dropTable(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("DROP TABLE IF EXISTS " + TABLE);
    }
  }

  public static long nextSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM " + TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public void start(long firstSeq) {
    thread = Thread.ofPlatform().daemon().name("drillbook-canary").start(() -> write(firstSeq));
  }

  private void write(long firstSeq) {
    Connection conn = null;
    Server server = null;
    long seq = firstSeq;
    while (running) {
      long began = System.nanoTime();
      try {
        if (repointed) {
          repointed = false;
          closeQuietly(conn);
          conn = null;
        }
        if (conn == null) {
          Properties p = new Properties();
          p.setProperty("user", user);
          if (password != null) {
            p.setProperty("password", password);
          }
          conn = DriverManager.getConnection(url, p);
          server = identify(conn);
        }
        try (PreparedStatement ps = conn.prepareStatement(dialect.canaryInsert())) {
          ps.setLong(1, seq);
          ps.executeUpdate();
          acks.add(new Ack(seq, server.port(), server.identity(), System.currentTimeMillis()));
        }
      } catch (SQLException e) {
        // The primary is gone or not promoted yet: reconnect at the next tick, like an application would.
        closeQuietly(conn);
        conn = null;
      }
      seq++;
      long sleep = intervalMillis - (System.nanoTime() - began) / 1_000_000;
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          break;
        }
      }
    }
    closeQuietly(conn);
  }

  private record Server(int port, String identity) {}

  /** Who a connection writes to: one server for the connection's life, so asked once, when it opens. */
  private Server identify(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(dialect.serverIdentity())) {
      rs.next();
      return new Server(rs.getInt(1), rs.getString(2));
    }
  }

  /**
   * From the next write on, writes go to {@code to} (same user and password), as an application repointed
   * at a promoted replica would: until it accepts writes, each attempt fails and is retried at the next tick.
   */
  public void repoint(PgEndpoint to) {
    url = dialect.canaryUrl(to);
    repointed = true;
  }

  public List<Ack> acks() {
    return new ArrayList<>(acks);
  }

  /** Waits until {@code count} writes were acknowledged by the server on {@code port}. */
  boolean awaitAcks(int port, int count, Duration timeout) throws InterruptedException {
    return awaitAcks(a -> a.port() == port, count, timeout);
  }

  /** Waits until {@code count} writes were acknowledged by servers {@code which} accepts. */
  public boolean awaitAcks(Predicate<Ack> which, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (acks.stream().filter(which).count() >= count) {
        return true;
      }
      Thread.sleep(Math.min(50, intervalMillis));
    }
    return false;
  }

  /**
   * RTO and RPO from the acknowledgements, once the writer is closed:
   *
   * <ul>
   *   <li>RTO = first write acknowledged by the new primary − last write acknowledged by the old one;
   *   <li>RPO = the writes the old primary acknowledged that the new one does not have ({@code rowsLost}), and
   *       as time, the span between the newest write that survived and the last acknowledged one.
   * </ul>
   *
   * @param newPrimary where to look for the old primary's writes
   * @return rtoMillis, rpoMillis, rowsLost, canaryWrites, canaryIntervalMillis, lastAckOnOldAtMillis, firstAckOnNewAtMillis
   */
  public Map<String, Object> measure(Predicate<Ack> onOldPrimary, Predicate<Ack> onNewPrimary, PgEndpoint newPrimary) throws SQLException {
    List<Ack> all = acks();
    List<Ack> onOld = all.stream().filter(onOldPrimary).toList();
    Ack lastOld = onOld.getLast();
    Ack firstNew = all.stream().filter(onNewPrimary).findFirst().orElseThrow();
    Set<Long> survived = present(newPrimary, onOld);
    List<Ack> lost = onOld.stream().filter(x -> !survived.contains(x.seq())).toList();
    long newestSurvivorAt = onOld.stream().filter(x -> survived.contains(x.seq())).mapToLong(Ack::atMillis).max()
        .orElse(onOld.getFirst().atMillis());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rtoMillis", firstNew.atMillis() - lastOld.atMillis());
    out.put("rowsLost", lost.size());
    out.put("rpoMillis", lost.isEmpty() ? 0 : lastOld.atMillis() - newestSurvivorAt);
    out.put("rtoMeasuredBy", "canary: last write acknowledged by the old primary to first write accepted by the new one");
    out.put("rpoMeasuredBy", "canary: acknowledged writes missing on the new primary");
    out.put("canaryWrites", all.size());
    out.put("canaryIntervalMillis", intervalMillis);
    out.put("lastAckOnOldAtMillis", lastOld.atMillis());
    out.put("firstAckOnNewAtMillis", firstNew.atMillis());
    return out;
  }

  /** Which of the old primary's acknowledged writes the new primary has (a range query: both dialects know it). */
  private static Set<Long> present(PgEndpoint newPrimary, List<Ack> onOld) throws SQLException {
    Set<Long> wanted = onOld.stream().map(Ack::seq).collect(Collectors.toSet());
    try (Connection c = newPrimary.connect();
        PreparedStatement ps = c.prepareStatement("SELECT seq FROM " + TABLE + " WHERE seq BETWEEN ? AND ?")) {
      ps.setLong(1, onOld.getFirst().seq());
      ps.setLong(2, onOld.getLast().seq());
      Set<Long> found = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (wanted.contains(rs.getLong(1))) {
            found.add(rs.getLong(1));
          }
        }
      }
      return found;
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(10_000);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the server is already gone; nothing to release
      }
    }
  }
}
