package io.drillbook.evidence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Every SQL statement of the evidence store and the mapping of its rows, in the dialect H2 2.x and
 * PostgreSQL share (FETCH FIRST, no LIMIT; no JSON operators, since JSON columns are plain text).
 */
final class EvidenceSql {

  private EvidenceSql() {}

  private static final String EVENT_COLUMNS =
      "tenant, drill_id, seq, type, step_id, raci, actor, event_time, payload, withheld, prev_hash, hash";

  static final String INSERT_EVENT =
      "INSERT INTO evidence_event (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  static final String EVENT_AT =
      "SELECT " + EVENT_COLUMNS + " FROM evidence_event WHERE drill_id = ? AND seq = ?";

  static final String EVENTS_OF_DRILL =
      "SELECT " + EVENT_COLUMNS + " FROM evidence_event WHERE drill_id = ? ORDER BY seq";

  static final String LAST_EVENT_OF_DRILL =
      "SELECT " + EVENT_COLUMNS + " FROM evidence_event WHERE drill_id = ? ORDER BY seq DESC FETCH FIRST 1 ROW ONLY";

  static final String DRILL_IDS_OF_TENANT =
      "SELECT drill_id FROM evidence_event WHERE tenant = ? GROUP BY drill_id ORDER BY MIN(event_time), drill_id";

  /** drill.started rows (columns 1-5) with the drill.completed row if any (6-7). */
  private static final String STARTED_AND_COMPLETED =
      "SELECT s.drill_id, s.tenant, s.actor, s.event_time, s.payload, c.event_time, c.payload"
          + " FROM evidence_event s"
          + " LEFT JOIN evidence_event c ON c.drill_id = s.drill_id AND c.type = 'drill.completed'"
          + " WHERE s.type = 'drill.started'";

  /** One drill's started and completed rows, as {@link #drillsStarted} reads them. */
  static final String DRILL_STARTED = STARTED_AND_COMPLETED + " AND s.drill_id = ?";

  private static final String DRILLS_STARTED = STARTED_AND_COMPLETED + " AND s.event_time >= ? AND s.event_time < ?";

  private static final String NEWEST_FIRST = " ORDER BY s.event_time DESC, s.drill_id DESC";

  /** Drills started between two times (parameters), newest first; then the tenant if {@code ofTenant}. */
  static String drillsStarted(boolean ofTenant, boolean runningOnly) {
    return DRILLS_STARTED + (runningOnly ? " AND c.drill_id IS NULL" : "") + (ofTenant ? " AND s.tenant = ?" : "")
        + NEWEST_FIRST;
  }

  /**
   * schedule.created rows (columns 1-5) with the schedule.deleted row if any (6-7); parameters: the deleted
   * type, the created type. Their types are bound, not spelt, so they stay those of ScheduleEvents.
   */
  private static final String SCHEDULES =
      "SELECT c.drill_id, c.tenant, c.actor, c.event_time, c.payload, d.actor, d.event_time"
          + " FROM evidence_event c"
          + " LEFT JOIN evidence_event d ON d.drill_id = c.drill_id AND d.type = ?"
          + " WHERE c.type = ?";

  private static final String OLDEST_FIRST = " ORDER BY c.event_time, c.drill_id";

  static final String LIVE_SCHEDULES_ALL_TENANTS = SCHEDULES + " AND d.drill_id IS NULL" + OLDEST_FIRST;

  static final String LIVE_SCHEDULES_OF_TENANT = SCHEDULES + " AND d.drill_id IS NULL AND c.tenant = ?" + OLDEST_FIRST;

  static final String SCHEDULE = SCHEDULES + " AND c.drill_id = ?";

  private static final String ANCHOR_COLUMNS = "tenant, anchor_seq, drill_id, last_seq, last_hash, prev_hash, hash";

  static final String INSERT_ANCHOR =
      "INSERT INTO evidence_anchor (" + ANCHOR_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

  static final String ANCHOR_OF_DRILL = "SELECT " + ANCHOR_COLUMNS + " FROM evidence_anchor WHERE drill_id = ?";

  static final String LAST_ANCHOR_OF_TENANT = "SELECT " + ANCHOR_COLUMNS
      + " FROM evidence_anchor WHERE tenant = ? ORDER BY anchor_seq DESC FETCH FIRST 1 ROW ONLY";

  /** A tenant's anchors (columns 1-7), each with its drill's stored head hash (8) and whether any event is left (9). */
  static final String ANCHORS_OF_TENANT_WITH_HEADS =
      "SELECT a.tenant, a.anchor_seq, a.drill_id, a.last_seq, a.last_hash, a.prev_hash, a.hash, e.hash,"
          + " EXISTS (SELECT 1 FROM evidence_event x WHERE x.drill_id = a.drill_id)"
          + " FROM evidence_anchor a"
          + " LEFT JOIN evidence_event e ON e.drill_id = a.drill_id AND e.seq = a.last_seq"
          + " WHERE a.tenant = ? ORDER BY a.anchor_seq";

  /** Far enough from any drill that an open-ended time filter can still be a bound parameter. */
  static final OffsetDateTime BEGINNING = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  static final OffsetDateTime END = OffsetDateTime.of(9999, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC);

  static void bindEvent(PreparedStatement st, StoredEvent e) throws SQLException {
    st.setString(1, e.tenant());
    st.setString(2, e.drillId());
    st.setLong(3, e.seq());
    st.setString(4, e.type());
    st.setString(5, e.stepId());
    st.setString(6, e.raciJson());
    st.setString(7, e.actor());
    st.setObject(8, utc(e.time()));
    st.setString(9, e.payloadJson());
    st.setString(10, e.withheldJson());
    st.setString(11, e.prevHash());
    st.setString(12, e.hash());
  }

  static StoredEvent readEvent(ResultSet rs) throws SQLException {
    return new StoredEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), instant(rs, 8), rs.getString(9), rs.getString(10), rs.getString(11),
        rs.getString(12));
  }

  /** A row of {@link #SCHEDULES}. */
  static ScheduleSummary readSchedule(ResultSet rs) throws SQLException {
    return ScheduleSummary.of(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
        CanonicalJson.parse(rs.getString(5)), rs.getString(6), instant(rs, 7));
  }

  static void bindAnchor(PreparedStatement st, TenantAnchor a) throws SQLException {
    st.setString(1, a.tenant());
    st.setLong(2, a.anchorSeq());
    st.setString(3, a.drillId());
    st.setLong(4, a.lastSeq());
    st.setString(5, a.lastHash());
    st.setString(6, a.prevHash());
    st.setString(7, a.hash());
  }

  static TenantAnchor readAnchor(ResultSet rs) throws SQLException {
    return new TenantAnchor(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
        rs.getString(6), rs.getString(7));
  }

  static OffsetDateTime utc(Instant time) {
    return time.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }
}
