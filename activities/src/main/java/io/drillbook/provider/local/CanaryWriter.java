package io.drillbook.provider.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An application stand-in for failover drills: one insert into {@code drillbook_canary(seq, at)} every
 * interval, through a multi-host connection that goes to whichever of the clusters is the primary (as a
 * real client with {@code targetServerType=primary} would). Each acknowledged write is remembered with the
 * port of the server that acknowledged it and the time the acknowledgement arrived; RTO and RPO are
 * computed from those.
 */
final class CanaryWriter implements AutoCloseable {

  static final String TABLE = "drillbook_canary";

  /** One write the server acknowledged (committed). */
  record Ack(long seq, int port, long atMillis) {}

  private final String url;
  private final String user;
  private final long intervalMillis;
  private final List<Ack> acks = new CopyOnWriteArrayList<>();
  private volatile boolean running = true;
  private Thread thread;

  /** @param ports the clusters on 127.0.0.1 that may be primary, in order of preference */
  CanaryWriter(List<Integer> ports, String database, String user, Duration interval) {
    String hosts = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    // hostRecheckSeconds=0: re-probe a standby at every attempt, or its promotion would be noticed seconds late.
    this.url = "jdbc:postgresql://" + hosts + "/" + database
        + "?targetServerType=primary&hostRecheckSeconds=0&connectTimeout=2&loginTimeout=3&socketTimeout=5";
    this.user = user;
    this.intervalMillis = Math.max(1, interval.toMillis());
  }

  static void createTable(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (seq bigint PRIMARY KEY, at timestamptz NOT NULL)");
    }
  }

  static long nextSeq(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(seq), 0) + 1 FROM " + TABLE)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void start(long firstSeq) {
    thread = Thread.ofPlatform().daemon().name("drillbook-canary").start(() -> write(firstSeq));
  }

  private void write(long firstSeq) {
    Connection conn = null;
    long seq = firstSeq;
    while (running) {
      long began = System.nanoTime();
      try {
        if (conn == null) {
          Properties p = new Properties();
          p.setProperty("user", user);
          p.setProperty("ApplicationName", "drillbook-canary");
          conn = DriverManager.getConnection(url, p);
        }
        try (PreparedStatement ps = conn.prepareStatement(
            "INSERT INTO " + TABLE + " (seq, at) VALUES (?, clock_timestamp()) RETURNING inet_server_port()")) {
          ps.setLong(1, seq);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            acks.add(new Ack(seq, rs.getInt(1), System.currentTimeMillis()));
          }
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

  List<Ack> acks() {
    return new ArrayList<>(acks);
  }

  /** Waits until {@code count} writes were acknowledged by the server on {@code port}. */
  boolean awaitAcks(int port, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (acks.stream().filter(a -> a.port() == port).count() >= count) {
        return true;
      }
      Thread.sleep(Math.min(50, intervalMillis));
    }
    return false;
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
