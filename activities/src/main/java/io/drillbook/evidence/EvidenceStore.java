package io.drillbook.evidence;

import static io.drillbook.evidence.EvidenceRejectedException.Reason.CONFLICT;
import static io.drillbook.evidence.EvidenceRejectedException.Reason.INVALID;
import static io.drillbook.evidence.EvidenceRejectedException.Reason.OUT_OF_ORDER;

import com.zaxxer.hikari.HikariDataSource;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.drillbook.schedule.ScheduleEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return new EvidenceStore(DrillbookDatabase.open(config, "db/evidence", "evidence_schema_history",
        "drillbook-evidence", POOL_SIZE, false));
  }

  /**
   * Stores the event at its seq, linked to seq - 1, after withholding personal-looking payload values.
   * Idempotent: an event already stored at that seq with the same tenant, type and step (a retry, or a
   * replayed workflow task re-sending it with a later time) returns the stored receipt and writes nothing.
   *
   * @throws EvidenceRejectedException OUT_OF_ORDER if seq - 1 is not stored yet, CONFLICT if an event of another
   *     type or step holds the seq or the drill is already anchored, INVALID for a malformed event
   */
  public EvidenceReceipt append(EvidenceAppend event) {
    return appendReporting(event).receipt();
  }

  /**
   * {@link #append} that also says whether this call wrote the row, so that whatever counts events (metrics)
   * counts each once, however many workers retry or replay it.
   */
  public Appended appendReporting(EvidenceAppend event) {
    checkWellFormed(event);
    // Two attempts: when a concurrent append of the same seq commits first, the second finds its row.
    return transactionRetryingRaces(2, "cannot append to drill " + event.drillId(), c -> appendIn(c, event));
  }

  /** @param written false when the event was already stored (a retry or a replay) and nothing was written */
  public record Appended(EvidenceReceipt receipt, boolean written) {}

  /**
   * Anchors the drill's last event in its tenant's chain. Idempotent: an anchored drill returns its anchor.
   * Once anchored, a drill takes no more events.
   *
   * @return the anchor's seq in the tenant chain and its hash
   * @throws EvidenceRejectedException CONFLICT if the drill has no events or belongs to another tenant
   */
  public EvidenceReceipt anchor(String tenant, String drillId) {
    return transactionRetryingRaces(ANCHOR_ATTEMPTS, "cannot anchor drill " + drillId,
        c -> anchorIn(c, tenant, drillId));
  }

  /** The drill's events in seq order; empty for an unknown drill. */
  public List<EvidenceEvent> events(String drillId) {
    return read("cannot read drill " + drillId, c -> {
      List<EvidenceEvent> events = new ArrayList<>();
      stream(c, EvidenceSql.EVENTS_OF_DRILL, rs -> events.add(EvidenceSql.readEvent(rs).toEvent()), drillId);
      return events;
    });
  }

  /** Drills matching the filter, newest first, one page. */
  public List<DrillSummary> drills(DrillFilter filter) {
    Object since = filter.since() == null ? EvidenceSql.BEGINNING : EvidenceSql.utc(filter.since());
    Object until = filter.until() == null ? EvidenceSql.END : EvidenceSql.utc(filter.until());
    return read("cannot list drills", c -> {
      List<DrillSummary> page = new ArrayList<>();
      int[] skipped = {0};
      // Plan, type and verdict sit in JSON payloads, so they are matched here; paging follows them.
      RowReader<Boolean> pager = rs -> {
        DrillSummary drill = summary(rs);
        if (filter.matchesPayloadCriteria(drill)) {
          if (skipped[0] < filter.offset()) {
            skipped[0]++;
          } else {
            page.add(drill);
          }
        }
        return page.size() < filter.limit();
      };
      // Without payload criteria every row read is listed or skipped, so the page is all there is to fetch;
      // a fetch of FETCH_SIZE rows would make PostgreSQL compute (and send) twenty times what a page shows.
      int fetch = filter.hasPayloadCriteria() ? FETCH_SIZE : Math.min(FETCH_SIZE, filter.offset() + filter.limit());
      if (filter.tenant() == null) {
        stream(c, EvidenceSql.drillsStarted(false, filter.running()), fetch, pager, since, until);
      } else {
        stream(c, EvidenceSql.drillsStarted(true, filter.running()), fetch, pager, since, until, filter.tenant());
      }
      return page;
    });
  }

  /** One drill's listing line; empty for a drill with no {@code drill.started} event. */
  public Optional<DrillSummary> drill(String drillId) {
    return Optional.ofNullable(read("cannot read drill " + drillId,
        c -> first(c, EvidenceSql.DRILL_STARTED, EvidenceStore::summary, drillId)));
  }

  /**
   * Schedules whose stream has its {@code schedule.created} and no {@code schedule.deleted}, oldest first; of
   * one tenant, or of all when {@code tenant} is null. Drill listings never include them: they have no
   * {@code drill.started}.
   */
  public List<ScheduleSummary> schedules(String tenant) {
    return read("cannot list schedules", c -> {
      List<ScheduleSummary> schedules = new ArrayList<>();
      RowReader<Boolean> sink = rs -> schedules.add(EvidenceSql.readSchedule(rs));
      if (tenant == null) {
        stream(c, EvidenceSql.LIVE_SCHEDULES_ALL_TENANTS, sink, ScheduleEvents.DELETED, ScheduleEvents.CREATED);
      } else {
        stream(c, EvidenceSql.LIVE_SCHEDULES_OF_TENANT, sink, ScheduleEvents.DELETED, ScheduleEvents.CREATED, tenant);
      }
      return schedules;
    });
  }

  /** One schedule, deleted or not; empty when its {@code schedule.created} is not recorded (yet). */
  public Optional<ScheduleSummary> schedule(String scheduleId) {
    return read("cannot read schedule " + scheduleId, c -> Optional.ofNullable(first(c, EvidenceSql.SCHEDULE,
        EvidenceSql::readSchedule, ScheduleEvents.DELETED, ScheduleEvents.CREATED, scheduleId)));
  }

  /** The IDs of the tenant's evidence streams (drills, and schedules since they record theirs), oldest first. */
  public List<String> drillIds(String tenant) {
    return read("cannot list drill IDs", c -> {
      List<String> ids = new ArrayList<>();
      stream(c, EvidenceSql.DRILL_IDS_OF_TENANT, rs -> ids.add(rs.getString(1)), tenant);
      return ids;
    });
  }

  /** Re-reads the drill's events and checks them against each other and the tenant anchor. */
  public ChainVerification verify(String drillId) {
    return read("cannot verify drill " + drillId, c -> {
      EvidenceChain chain = new EvidenceChain(drillId, anchorOf(c, drillId));
      stream(c, EvidenceSql.EVENTS_OF_DRILL, rs -> chain.accept(EvidenceSql.readEvent(rs)), drillId);
      return chain.result();
    });
  }

  /** The drill's anchor in its tenant's chain; empty while the drill is not anchored. Bundles carry it. */
  public Optional<TenantAnchor> anchorOf(String drillId) {
    return read("cannot read the anchor of drill " + drillId, c -> Optional.ofNullable(anchorOf(c, drillId)));
  }

  /** Checks the tenant's anchor chain and that every anchored drill still holds its anchored head. */
  public TenantVerification verifyTenant(String tenant) {
    return read("cannot verify a tenant's anchor chain", c -> {
      TenantAnchorChain chain = new TenantAnchorChain(tenant);
      stream(c, EvidenceSql.ANCHORS_OF_TENANT_WITH_HEADS,
          rs -> chain.accept(EvidenceSql.readAnchor(rs), rs.getString(8), rs.getBoolean(9)), tenant);
      return chain.result();
    });
  }

  @Override
  public void close() {
    pool.close();
  }

  private static boolean sameOccurrence(StoredEvent stored, EvidenceAppend event) {
    return stored.tenant().equals(event.tenant())
        && stored.type().equals(event.type())
        && java.util.Objects.equals(stored.stepId(), event.stepId());
  }

  private static Appended appendIn(Connection c, EvidenceAppend event) throws SQLException {
    StoredEvent stored = eventAt(c, event.drillId(), event.seq());
    if (stored != null) {
      if (StoredEvent.seal(event, stored.prevHash()).hash().equals(stored.hash())) {
        return new Appended(stored.receipt(), false);
      }
      if (sameOccurrence(stored, event)) {
        // A workflow task cut short by a worker crash is replayed on another worker, which sends its local
        // activity appends again with its own clock: same event, later time and durations. The first
        // recording stands (it is what happened first); nothing is written.
        log.info("Evidence replay: drill {} seq {} ({}) already recorded; the first recording stands",
            event.drillId(), event.seq(), event.type());
        return new Appended(stored.receipt(), false);
      }
      log.warn("Evidence conflict: drill {} seq {} is already held by a different event", event.drillId(),
          event.seq());
      throw new EvidenceRejectedException(CONFLICT, "drill " + event.drillId() + " seq " + event.seq()
          + ": an event of another type, step or tenant already holds this seq (a bug or tampering)");
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
    return new Appended(sealed.receipt(), true);
  }

  private static EvidenceReceipt anchorIn(Connection c, String tenant, String drillId) throws SQLException {
    TenantAnchor anchored = anchorOf(c, drillId);
    if (anchored != null) {
      if (!anchored.tenant().equals(tenant)) {
        throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " is anchored for another tenant");
      }
      return anchored.receipt();
    }
    StoredEvent last = first(c, EvidenceSql.LAST_EVENT_OF_DRILL, EvidenceSql::readEvent, drillId);
    if (last == null) {
      throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " has no events to anchor");
    }
    if (!last.tenant().equals(tenant)) {
      throw new EvidenceRejectedException(CONFLICT, "drill " + drillId + " belongs to another tenant");
    }
    TenantAnchor head = first(c, EvidenceSql.LAST_ANCHOR_OF_TENANT, EvidenceSql::readAnchor, tenant);
    TenantAnchor anchor = head == null
        ? TenantAnchor.seal(tenant, 1, last, EvidenceEvent.GENESIS)
        : TenantAnchor.seal(tenant, head.anchorSeq() + 1, last, head.hash());
    try (PreparedStatement st = c.prepareStatement(EvidenceSql.INSERT_ANCHOR)) {
      EvidenceSql.bindAnchor(st, anchor);
      st.executeUpdate();
    }
    return anchor.receipt();
  }

  private static DrillSummary summary(ResultSet rs) throws SQLException {
    String completed = rs.getString(7);
    return DrillSummary.of(rs.getString(1), rs.getString(2), rs.getString(3), EvidenceSql.instant(rs, 4),
        CanonicalJson.parse(rs.getString(5)), EvidenceSql.instant(rs, 6),
        completed == null ? null : CanonicalJson.parse(completed));
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
    return first(c, EvidenceSql.EVENT_AT, EvidenceSql::readEvent, drillId, seq);
  }

  private static TenantAnchor anchorOf(Connection c, String drillId) throws SQLException {
    return first(c, EvidenceSql.ANCHOR_OF_DRILL, EvidenceSql::readAnchor, drillId);
  }

  /** The first row of the query, read by {@code reader}, or null if there is none. */
  private static <T> T first(Connection c, String sql, RowReader<T> reader, Object... params) throws SQLException {
    List<T> found = new ArrayList<>(1);
    stream(c, sql, rs -> !found.add(reader.read(rs)), params); // add() is true: stop after one row
    return found.isEmpty() ? null : found.get(0);
  }

  /** Runs the query and feeds its rows, as they stream in, to {@code sink} until it returns false. */
  private static void stream(Connection c, String sql, RowReader<Boolean> sink, Object... params)
      throws SQLException {
    stream(c, sql, FETCH_SIZE, sink, params);
  }

  /** {@link #stream(Connection, String, RowReader, Object...)} with {@code fetchSize} rows per round trip. */
  private static void stream(Connection c, String sql, int fetchSize, RowReader<Boolean> sink, Object... params)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setFetchSize(fetchSize);
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && sink.read(rs)) {
          // the sink consumes each row as it streams by
        }
      }
    }
  }

  private <T> T read(String failure, SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new EvidenceStoreException(failure, e);
    }
  }

  /**
   * Runs {@code work} in a transaction, again after a unique violation (a concurrent writer took the key
   * first: the next attempt sees its row), at most {@code attempts} times.
   */
  private <T> T transactionRetryingRaces(int attempts, String failure, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == attempts) {
          throw new EvidenceStoreException(failure, e);
        }
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
