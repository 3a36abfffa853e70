package io.drillbook.evidence;

import static io.drillbook.evidence.EvidenceRejectedException.Reason.CONFLICT;
import static io.drillbook.evidence.EvidenceRejectedException.Reason.INVALID;
import static io.drillbook.evidence.EvidenceRejectedException.Reason.OUT_OF_ORDER;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only traceability log, on H2 (embedded default) or PostgreSQL. Thread-safe: appends of
 * different drills run in parallel; two appends of the same (drill, seq) end with one row, whichever wins.
 * Rows are never updated or deleted, so the worker's database role needs INSERT and SELECT only.
 */
public final class EvidenceStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EvidenceStore.class);

  /** Enough for a worker's concurrent activities; appends are short transactions. */
  private static final int POOL_SIZE = 4;
  /** Rows per round trip while streaming a drill or a tenant's anchors. */
  private static final int FETCH_SIZE = 1000;
  /** Concurrent anchors of one tenant race for the next anchor seq; each lost race costs one retry. */
  private static final int ANCHOR_ATTEMPTS = 20;
  private static final String UNIQUE_VIOLATION = "23505";

  private final HikariDataSource pool;

  private EvidenceStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Opens the store and migrates (or, with {@code migrate=false}, validates) its schema. */
  public static EvidenceStore open(EvidenceConfig config) {
    Flyway flyway = Flyway.configure()
        .dataSource(config.jdbcUrl(), config.user(), config.password())
        .locations("classpath:db/evidence")
        // Its own history table and a baseline below V1: the database may hold other drillbook tables.
        .table("evidence_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
    if (config.migrate()) {
      flyway.migrate();
    } else {
      flyway.validate();
    }
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("drillbook-evidence");
    pool.setJdbcUrl(config.jdbcUrl());
    pool.setUsername(config.user());
    pool.setPassword(config.password());
    pool.setMaximumPoolSize(POOL_SIZE);
    pool.setMinimumIdle(0);
    pool.setAutoCommit(false);
    if (config.jdbcUrl().startsWith("jdbc:h2:")) {
      // Stream result rows instead of materialising them first: verifying a long drill reads twice as fast.
      pool.setConnectionInitSql("SET LAZY_QUERY_EXECUTION TRUE");
    }
    return new EvidenceStore(new HikariDataSource(pool));
  }

  /**
   * Stores the event at its seq, linked to seq - 1, after withholding personal-looking payload values.
   * Idempotent: an event already stored with the same content returns its receipt and writes nothing.
   *
   * @throws EvidenceRejectedException OUT_OF_ORDER if seq - 1 is not stored yet, CONFLICT if a different event
   *     holds the seq or the drill is already anchored, INVALID for a malformed event
   */
  public EvidenceReceipt append(EvidenceAppend event) {
    checkWellFormed(event);
    try {
      return transaction(c -> appendIn(c, event));
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw new EvidenceStoreException("cannot append to drill " + event.drillId(), e);
      }
      // A concurrent append of the same seq committed first: now its row is there to compare with.
      try {
        return transaction(c -> appendIn(c, event));
      } catch (SQLException again) {
        throw new EvidenceStoreException("cannot append to drill " + event.drillId(), again);
      }
    }
  }

  /**
   * Anchors the drill's last event in its tenant's chain. Idempotent: an anchored drill returns its anchor.
   * Once anchored, a drill takes no more events.
   *
   * @return the anchor's seq in the tenant chain and its hash
   * @throws EvidenceRejectedException CONFLICT if the drill has no events or belongs to another tenant
   */
  public EvidenceReceipt anchor(String tenant, String drillId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction(c -> anchorIn(c, tenant, drillId));
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == ANCHOR_ATTEMPTS) {
          throw new EvidenceStoreException("cannot anchor drill " + drillId, e);
        }
      }
    }
  }

  /** The drill's events in seq order; empty for an unknown drill. */
  public List<EvidenceEvent> events(String drillId) {
    List<EvidenceEvent> events = new ArrayList<>();
    try (Connection c = pool.getConnection()) {
      streamEvents(c, drillId, rs -> events.add(EvidenceSql.readEvent(rs).toEvent()));
      return events;
    } catch (SQLException e) {
      throw new EvidenceStoreException("cannot read drill " + drillId, e);
    }
  }

  /** Drills matching the filter, newest first, one page. */
  public List<DrillSummary> drills(DrillFilter filter) {
    List<DrillSummary> page = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement st = c.prepareStatement(filter.tenant() == null
            ? EvidenceSql.DRILLS_STARTED_ALL_TENANTS
            : EvidenceSql.DRILLS_STARTED_OF_TENANT)) {
      st.setFetchSize(FETCH_SIZE);
      st.setObject(1, filter.since() == null ? EvidenceSql.BEGINNING : EvidenceSql.utc(filter.since()));
      st.setObject(2, filter.until() == null ? EvidenceSql.END : EvidenceSql.utc(filter.until()));
      if (filter.tenant() != null) {
        st.setString(3, filter.tenant());
      }
      try (ResultSet rs = st.executeQuery()) {
        int skipped = 0;
        // Plan, type and verdict sit in JSON payloads, so they are matched here; paging follows them.
        while (page.size() < filter.limit() && rs.next()) {
          String completed = rs.getString(7);
          DrillSummary drill = DrillSummary.of(rs.getString(1), rs.getString(2), rs.getString(3),
              EvidenceSql.instant(rs, 4), CanonicalJson.parse(rs.getString(5)), EvidenceSql.instant(rs, 6),
              completed == null ? null : CanonicalJson.parse(completed));
          if (!filter.matchesPayloadCriteria(drill)) {
            continue;
          }
          if (skipped < filter.offset()) {
            skipped++;
          } else {
            page.add(drill);
          }
        }
      }
      return page;
    } catch (SQLException e) {
      throw new EvidenceStoreException("cannot list drills", e);
    }
  }

  /** The tenant's drill IDs, oldest first. */
  public List<String> drillIds(String tenant) {
    List<String> ids = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement st = c.prepareStatement(EvidenceSql.DRILL_IDS_OF_TENANT)) {
      st.setString(1, tenant);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new EvidenceStoreException("cannot list drill IDs", e);
    }
  }

  /** Re-reads the drill's events and checks them against each other and the tenant anchor. */
  public ChainVerification verify(String drillId) {
    try (Connection c = pool.getConnection()) {
      EvidenceChain chain = new EvidenceChain(drillId, anchorOf(c, drillId));
      streamEvents(c, drillId, rs -> chain.accept(EvidenceSql.readEvent(rs)));
      return chain.result();
    } catch (SQLException e) {
      throw new EvidenceStoreException("cannot verify drill " + drillId, e);
    }
  }

  /** Checks the tenant's anchor chain and that every anchored drill still holds its anchored head. */
  public TenantVerification verifyTenant(String tenant) {
    TenantAnchorChain chain = new TenantAnchorChain(tenant);
    try (Connection c = pool.getConnection();
        PreparedStatement st = c.prepareStatement(EvidenceSql.ANCHORS_OF_TENANT_WITH_HEADS)) {
      st.setFetchSize(FETCH_SIZE);
      st.setString(1, tenant);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && chain.accept(EvidenceSql.readAnchor(rs), rs.getString(8), rs.getBoolean(9))) {
          // each anchor is checked as it streams by
        }
      }
      return chain.result();
    } catch (SQLException e) {
      throw new EvidenceStoreException("cannot verify a tenant's anchor chain", e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static EvidenceReceipt appendIn(Connection c, EvidenceAppend event) throws SQLException {
    StoredEvent stored = eventAt(c, event.drillId(), event.seq());
    if (stored != null) {
      if (StoredEvent.seal(event, stored.prevHash()).hash().equals(stored.hash())) {
        return stored.receipt();
      }
      log.warn("Evidence conflict: drill {} seq {} is already held by a different event", event.drillId(),
          event.seq());
      throw new EvidenceRejectedException(CONFLICT, "drill " + event.drillId() + " seq " + event.seq()
          + ": a different event already holds this seq (a bug or tampering)");
    }
    String prevHash = EvidenceEvent.GENESIS;
    if (event.seq() > 1) {
      StoredEvent previous = eventAt(c, event.drillId(), event.seq() - 1);
      if (previous == null) {
        throw new EvidenceRejectedException(OUT_OF_ORDER, "drill " + event.drillId() + ": seq " + event.seq()
            + " arrived before seq " + (event.seq() - 1) + "; retry once it is stored");
      }
      if (!previous.tenant().equals(event.tenant())) {
        throw new EvidenceRejectedException(CONFLICT, "drill " + event.drillId() + " seq " + event.seq()
            + " names another tenant than the drill's earlier events");
      }
      prevHash = previous.hash();
    }
    TenantAnchor anchor = anchorOf(c, event.drillId());
    if (anchor != null) {
      throw new EvidenceRejectedException(CONFLICT, "drill " + event.drillId() + " was anchored at seq "
          + anchor.lastSeq() + ": its evidence is sealed, seq " + event.seq() + " cannot be added");
    }
    StoredEvent sealed = StoredEvent.seal(event, prevHash);
    try (PreparedStatement st = c.prepareStatement(EvidenceSql.INSERT_EVENT)) {
      EvidenceSql.bindEvent(st, sealed);
      st.executeUpdate();
    }
    return sealed.receipt();
  }

  private static EvidenceReceipt anchorIn(Connection c, String tenant, String drillId) throws SQLException {
    TenantAnchor anchored = anchorOf(c, drillId);
    if (anchored != null) {
      if (!anchored.tenant().equals(tenant)) {
        throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " is anchored for another tenant");
      }
      return anchored.receipt();
    }
    StoredEvent last = first(c, EvidenceSql.LAST_EVENT_OF_DRILL, drillId, EvidenceSql::readEvent);
    if (last == null) {
      throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " has no events to anchor");
    }
    if (!last.tenant().equals(tenant)) {
      throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " belongs to another tenant");
    }
    TenantAnchor head = first(c, EvidenceSql.LAST_ANCHOR_OF_TENANT, tenant, EvidenceSql::readAnchor);
    TenantAnchor anchor = head == null
        ? TenantAnchor.seal(tenant, 1, last, EvidenceEvent.GENESIS)
        : TenantAnchor.seal(tenant, head.anchorSeq() + 1, last, head.hash());
    try (PreparedStatement st = c.prepareStatement(EvidenceSql.INSERT_ANCHOR)) {
      EvidenceSql.bindAnchor(st, anchor);
      st.executeUpdate();
    }
    return anchor.receipt();
  }

  private static void checkWellFormed(EvidenceAppend event) {
    String problem = event.tenant() == null || event.tenant().isBlank() ? "no tenant"
        : event.drillId() == null || event.drillId().isBlank() ? "no drill ID"
        : event.type() == null || event.type().isBlank() ? "no type"
        : event.seq() < 1 ? "seq " + event.seq() + " (seqs start at 1)"
        : null;
    if (problem != null) {
      throw new EvidenceRejectedException(INVALID, "malformed evidence event for drill " + event.drillId() + ": "
          + problem);
    }
  }

  private static StoredEvent eventAt(Connection c, String drillId, long seq) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(EvidenceSql.EVENT_AT)) {
      st.setString(1, drillId);
      st.setLong(2, seq);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? EvidenceSql.readEvent(rs) : null;
      }
    }
  }

  private static TenantAnchor anchorOf(Connection c, String drillId) throws SQLException {
    return first(c, EvidenceSql.ANCHOR_OF_DRILL, drillId, EvidenceSql::readAnchor);
  }

  private static <T> T first(Connection c, String sql, String key, RowReader<T> reader) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? reader.read(rs) : null;
      }
    }
  }

  /** Feeds the drill's event rows in seq order to {@code sink} until it returns false. */
  private static void streamEvents(Connection c, String drillId, RowReader<Boolean> sink) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(EvidenceSql.EVENTS_OF_DRILL)) {
      st.setFetchSize(FETCH_SIZE);
      st.setString(1, drillId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && sink.read(rs)) {
          // the sink consumes each event as it streams by
        }
      }
    }
  }

  private <T> T transaction(SqlWork<T> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }
}
