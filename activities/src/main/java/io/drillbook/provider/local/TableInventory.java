package io.drillbook.provider.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user tables of one database, their row counts and their content hashes: what a restore is compared
 * on. Partitions are counted one by one (their partitioned parent is not, or its rows would count twice);
 * drillbook's own canary table is left out.
 */
final class TableInventory {

  /** Tables larger than this are not hashed at snapshot time: hashing reads every row. */
  static final long CHEAP_CHECKSUM_BYTES = 64L * 1024 * 1024;

  /**
   * A table, as {@code schema.name} for reports and as a quoted identifier for SQL.
   *
   * @param sql the quoted identifier in its engine's dialect
   */
  record Table(String schema, String name, long bytes, String sql) {
    String display() {
      return schema + "." + name;
    }
  }

  private TableInventory() {}

  static List<Table> tables(Connection c, SqlDialect dialect) throws SQLException {
    List<Table> tables = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.tableListing())) {
      while (rs.next()) {
        String schema = rs.getString(1);
        String name = rs.getString(2);
        tables.add(new Table(schema, name, rs.getLong(3), dialect.quote(schema) + "." + dialect.quote(name)));
      }
    }
    return tables;
  }

  static Map<String, Long> rowCounts(Connection c, List<Table> tables) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      for (Table t : tables) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.sql())) {
          rs.next();
          counts.put(t.display(), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /**
   * SHA-256 over the sorted MD5s of every row's text form: the same rows give the same hash whatever their
   * physical order, and the output settings are fixed so two clusters print a row alike.
   *
   * @param maxBytes tables larger than this are left out (null = hash every table)
   */
  static Map<String, String> checksums(Connection c, SqlDialect dialect, List<Table> tables, Long maxBytes) throws SQLException {
    Map<String, String> sums = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      dialect.prepareChecksums(st);
    }
    for (Table t : tables) {
      if (maxBytes == null || t.bytes() <= maxBytes) {
        sums.put(t.display(), dialect.checksum(c, t));
      }
    }
    return sums;
  }

  /** Counts and hashes of every table; run it inside {@link #beginSnapshot} so they describe one instant. */
  static Map<String, Object> capture(Connection c, SqlDialect dialect, Long checksumMaxBytes) throws SQLException {
    List<Table> tables = tables(c, dialect);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rowCounts", rowCounts(c, tables));
    out.put("checksums", checksums(c, dialect, tables, checksumMaxBytes));
    return out;
  }

  /**
   * Starts a REPEATABLE READ, READ ONLY transaction: every later query sees the same snapshot. The same
   * statement works in both dialects: PostgreSQL applies it to the transaction just begun, MySQL to the next.
   */
  static void beginSnapshot(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
  }

  /** Counts and cheap hashes of {@code source} in a snapshot of their own (for a base backup: right after it ends). */
  static Map<String, Object> captureFrom(PgEndpoint source, PgFaults.Situation situation) {
    try (Connection c = source.connect()) {
      beginSnapshot(c);
      Map<String, Object> captured = capture(c, source.dialect(), CHEAP_CHECKSUM_BYTES);
      c.commit();
      return captured;
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, situation);
    }
  }
}
