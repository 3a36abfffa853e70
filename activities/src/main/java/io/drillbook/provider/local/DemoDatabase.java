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
 * e-mail, nothing a {@code verify} guard would take for personal data), prescriptions with ATC-like codes
 * and lab results with LOINC-like codes. Its tables and columns are the ones the example plans query
 * ({@code patient_visit.visit_date}, {@code prescription.visit_id}...).
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
          CREATE TABLE care_unit (id int PRIMARY KEY, code text NOT NULL, specialty text NOT NULL, beds int NOT NULL);
          CREATE TABLE patient_visit (id bigint PRIMARY KEY, patient_ref text NOT NULL, care_unit_id int NOT NULL REFERENCES care_unit,
            visit_date date NOT NULL, discharge_date date, reason_code text NOT NULL, severity smallint NOT NULL);
          CREATE TABLE prescription (id bigint PRIMARY KEY, visit_id bigint NOT NULL REFERENCES patient_visit, atc_code text NOT NULL,
            daily_dose_mg numeric(8,2) NOT NULL, days int NOT NULL);
          CREATE TABLE lab_result (id bigint PRIMARY KEY, visit_id bigint NOT NULL REFERENCES patient_visit, loinc_code text NOT NULL,
            value numeric(8,2) NOT NULL, unit text NOT NULL, taken_at timestamptz NOT NULL);
          INSERT INTO care_unit
            SELECT i, 'U-' || (ARRAY['CARD','PNEU','NEPH','ONCO','PEDI','URGE','GERI','REAN'])[1 + i % 8] || '-' || lpad(i::text, 2, '0'),
                   (ARRAY['cardiology','pulmonology','nephrology','oncology','paediatrics','emergency','geriatrics','intensive care'])[1 + i % 8],
                   10 + (i * 7) % 30
            FROM generate_series(1, 40) i;
          """);
      int batch = Math.max(1_000, sizeMb * 200);
      long visits = 0;
      // Visit dates run over five years up to today, one visit in fifty today, so "recent visits" checks find some.
      try (PreparedStatement visitsIns = c.prepareStatement("""
              INSERT INTO patient_visit
                SELECT v, 'PSN-' || upper(substr(md5('demo-patient-' || (random() * ?)::int), 1, 8)), 1 + (random() * 39)::int,
                       d, d + (random() * 12)::int, chr(65 + (random() * 25)::int) || lpad((random() * 99)::int::text, 2, '0') || '.' || (random() * 9)::int,
                       1 + (random() * 4)::int
                FROM generate_series(?::bigint, ?::bigint) v,
                     LATERAL (SELECT current_date - CASE WHEN v % 50 = 0 THEN 0 ELSE (random() * 1800)::int END AS d) dd""");
          PreparedStatement detailsIns = c.prepareStatement("""
              WITH p AS (
                INSERT INTO prescription
                  SELECT v, v, (ARRAY['C09AA05','A10BA02','N02BE01','B01AC06','J01CA04','C10AA05'])[1 + (random() * 5)::int],
                         round((random() * 1000)::numeric, 2), 1 + (random() * 29)::int
                  FROM generate_series(?::bigint, ?::bigint) v)
              INSERT INTO lab_result
                SELECT v * 2 + k, v, (ARRAY['2345-7','718-7','2160-0','6690-2','1742-6','2951-2'])[1 + (random() * 5)::int],
                       round((random() * 200)::numeric, 2), (ARRAY['mg/dL','g/dL','U/L','mmol/L'])[1 + (random() * 3)::int],
                       now() - random() * interval '1800 days'
                FROM generate_series(?::bigint, ?::bigint) v, generate_series(0, 1) k""");
          PreparedStatement size = c.prepareStatement("SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c"
              + " WHERE c.relname IN ('care_unit', 'patient_visit', 'prescription', 'lab_result') AND c.relkind = 'r'")) {
        while (bytes(size) < sizeMb * 1024L * 1024L) {
          visitsIns.setLong(1, Math.max(100, (visits + batch) / 3));
          visitsIns.setLong(2, visits + 1);
          visitsIns.setLong(3, visits + batch);
          visitsIns.executeUpdate();
          detailsIns.setLong(1, visits + 1);
          detailsIns.setLong(2, visits + batch);
          detailsIns.setLong(3, visits + 1);
          detailsIns.setLong(4, visits + batch);
          detailsIns.executeUpdate();
          visits += batch;
        }
        st.execute("ANALYZE");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : new String[] {"care_unit", "patient_visit", "prescription", "lab_result"}) {
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
