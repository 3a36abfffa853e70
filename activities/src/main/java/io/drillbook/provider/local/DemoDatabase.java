package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A throwaway database of synthetic, non-personal hospital-like data for demos and tests: care units,
 * patient visits keyed by fake pseudonyms ({@code PSN-} and 8 hex digits: no names, no NIR/INS, no
 * e-mail, nothing a {@code verify} guard would take for personal data), lab results with LOINC-like codes.
 * Rows are generated server-side with generate_series, from a fixed seed, until the tables reach the
 * requested size. {@link #drop} removes only a database this class created (it is marked with a comment).
 */
public final class DemoDatabase {

  static final String MARK = "drillbook demo data (synthetic, no personal data)";

  private final PgEndpoint server;

  /** @param server any database of the target server, used to create and drop the demo database */
  public DemoDatabase(PgEndpoint server) {
    this.server = server;
  }

  /** @param password null for trust or peer authentication */
  public static DemoDatabase on(String dsn, String user, String password) {
    return new DemoDatabase(PgEndpoint.parse(dsn, user, password, null));
  }

  /** What {@link #create} made: where it is and how many rows each table got. */
  public record Summary(String dsn, Map<String, Long> rowCounts, long bytes) {}

  public Summary create(String name, int sizeMb) {
    checkName(name);
    if (sizeMb < 1) {
      throw new ActionFailure("demo database size must be at least 1 MB, not " + sizeMb);
    }
    try (Connection c = server.connect(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      st.execute("COMMENT ON DATABASE " + name + " IS '" + MARK + "'");
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, new PgFaults.Situation("demo", "creating demo database " + name, server, null));
    }
    PgEndpoint db = server.withDatabase(name);
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("SELECT setseed(0.42)");
      st.execute("""
          CREATE TABLE care_unit (unit_id int PRIMARY KEY, code text NOT NULL, specialty text NOT NULL, beds int NOT NULL);
          CREATE TABLE patient_visit (visit_id bigint PRIMARY KEY, patient_ref text NOT NULL, unit_id int NOT NULL REFERENCES care_unit,
            admitted_on date NOT NULL, discharged_on date, reason_code text NOT NULL, severity smallint NOT NULL);
          CREATE TABLE lab_result (result_id bigint PRIMARY KEY, visit_id bigint NOT NULL REFERENCES patient_visit, test_code text NOT NULL,
            value numeric(8,2) NOT NULL, unit text NOT NULL, taken_at timestamptz NOT NULL);
          INSERT INTO care_unit
            SELECT i, 'U-' || (ARRAY['CARD','PNEU','NEPH','ONCO','PEDI','URGE','GERI','REAN'])[1 + i % 8] || '-' || lpad(i::text, 2, '0'),
                   (ARRAY['cardiology','pulmonology','nephrology','oncology','paediatrics','emergency','geriatrics','intensive care'])[1 + i % 8],
                   10 + (i * 7) % 30
            FROM generate_series(1, 40) i;
          """);
      int batch = Math.max(1_000, sizeMb * 200);
      long visits = 0;
      try (PreparedStatement visitsIns = c.prepareStatement("""
              INSERT INTO patient_visit
                SELECT v, 'PSN-' || upper(substr(md5('demo-patient-' || (random() * ?)::int), 1, 8)), 1 + (random() * 39)::int,
                       d, d + (random() * 12)::int, chr(65 + (random() * 25)::int) || lpad((random() * 99)::int::text, 2, '0') || '.' || (random() * 9)::int,
                       1 + (random() * 4)::int
                FROM generate_series(?::bigint, ?::bigint) v, LATERAL (SELECT date '2020-01-01' + (random() * 1800)::int AS d) dd""");
          PreparedStatement resultsIns = c.prepareStatement("""
              INSERT INTO lab_result
                SELECT v * 2 + k, v, (ARRAY['2345-7','718-7','2160-0','6690-2','1742-6','2951-2'])[1 + (random() * 5)::int],
                       round((random() * 200)::numeric, 2), (ARRAY['mg/dL','g/dL','U/L','mmol/L'])[1 + (random() * 3)::int],
                       timestamptz '2020-01-01 08:00+00' + random() * interval '1800 days'
                FROM generate_series(?::bigint, ?::bigint) v, generate_series(0, 1) k""");
          PreparedStatement size = c.prepareStatement(
              "SELECT pg_total_relation_size('patient_visit') + pg_total_relation_size('lab_result') + pg_total_relation_size('care_unit')")) {
        while (bytes(size) < sizeMb * 1024L * 1024L) {
          visitsIns.setLong(1, Math.max(100, (visits + batch) / 3));
          visitsIns.setLong(2, visits + 1);
          visitsIns.setLong(3, visits + batch);
          visitsIns.executeUpdate();
          resultsIns.setLong(1, visits + 1);
          resultsIns.setLong(2, visits + batch);
          resultsIns.executeUpdate();
          visits += batch;
        }
        st.execute("ANALYZE");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : new String[] {"care_unit", "patient_visit", "lab_result"}) {
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
            rs.next();
            counts.put("public." + t, rs.getLong(1));
          }
        }
        return new Summary(db.dsn(), counts, bytes(size));
      }
    } catch (SQLException e) {
      drop(name);
      throw PgFaults.fromSql(e, new PgFaults.Situation("demo", "filling demo database " + name, db, null));
    }
  }

  /** Drops the demo database {@code name}; a database without the demo mark is refused. Gone already = done. */
  public void drop(String name) {
    checkName(name);
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        if (!MARK.equals(rs.getString(1))) {
          throw new ActionFailure("refusing to drop database " + name + ": it is not a drillbook demo database");
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("DROP DATABASE " + name + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, new PgFaults.Situation("demo", "dropping demo database " + name, server, null));
    }
  }

  private static long bytes(PreparedStatement size) throws SQLException {
    try (ResultSet rs = size.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void checkName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new ActionFailure("demo database name " + name + " is not valid: use lower-case letters, digits and _ (at most 63)");
    }
  }
}
