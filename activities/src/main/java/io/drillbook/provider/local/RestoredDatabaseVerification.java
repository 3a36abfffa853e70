package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.evidence.PersonalDataGuard;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify} of the postgresql resource. From an export: the manifest re-check (and, for CSV, the rows of
 * each file counted again). From a restore (or a
 * failover's new primary): row counts against the source at snapshot time, named checks, recorded queries
 * and per-table hashes, all read in one read-only snapshot of the restored database. With no parameters it
 * compares row counts when the {@code from} step carries the source's. Every problem found is listed in one
 * failure, so a single run tells the whole story.
 */
public final class RestoredDatabaseVerification {

  private final PgAction a;

  RestoredDatabaseVerification(PgAction a) {
    this.a = a;
  }

  ActionResult verify() throws Exception {
    Map<String, Object> from = a.ctx().from();
    if (from.get("manifestPath") != null) {
      Object rowCounts = a.ctx().with().get("rowCounts");
      return ManifestVerification.verify(a.ctx(), Path.of(from.get("manifestPath").toString()),
          rowCounts == null ? null : ParamValues.map(rowCounts), a.log());
    }
    String fromStep = a.ctx().request().fromStepId();
    return verify(a.ctx(), PgEndpoint.parse(ParamValues.required(from, "scratchDsn", a.stepId(), fromStep), a.user(), null, null));
  }

  /**
   * Checks a restored database wherever it runs (a local scratch cluster, an RDS or Aurora copy; PostgreSQL,
   * MySQL or MariaDB, by the endpoint's dialect):
   * the step's {@code with} against the {@code from} step's outputs (sourceRowCounts, sourceChecksums).
   */
  public static ActionResult verify(ActionContext ctx, PgEndpoint target) {
    Map<String, Object> from = ctx.from();
    String fromStep = ctx.request().fromStepId();
    String stepId = ctx.stepId();
    StepLog log = StepLog.of(RestoredDatabaseVerification.class, ctx);
    Map<String, Object> with = ctx.with();
    Object rowCounts = with.get("rowCounts");
    boolean defaults = with.isEmpty() && from.get("sourceRowCounts") != null;
    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    List<String> observations = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("scratchDsn", target.dsn());
    try (Connection c = target.connect()) {
      TableInventory.beginSnapshot(c);
      List<TableInventory.Table> tables = TableInventory.tables(c, target.dialect());
      out.put("tables", tables.size());
      if (rowCounts != null || defaults) {
        Map<String, Long> restored = TableInventory.rowCounts(c, tables);
        out.put("rowCounts", restored);
        Object t = ParamValues.map(rowCounts).get("tolerance");
        long tolerance = t == null ? 0 : ParamValues.longValue(t);
        problems.addAll(RowCountVerification.mismatches(sourceState(from, "sourceRowCounts", stepId, fromStep), restored, tolerance));
        out.put("rowCountTolerance", tolerance);
      }
      out.putAll(runChecks(c, with, problems, stepId));
      if (ParamValues.bool(with.get("checksums"))) {
        Map<String, String> sums = TableInventory.checksums(c, target.dialect(), tables, null);
        out.put("checksums", sums);
        ChecksumVerification.Outcome o = ChecksumVerification.compare(sourceState(from, "sourceChecksums", stepId, fromStep), sums);
        problems.addAll(o.mismatches());
        if (!o.notComparable().isEmpty()) {
          observations.add("tables too large to hash at snapshot time were hashed in the restore only: " + o.notComparable());
        }
      }
      c.rollback();
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, new PgFaults.Situation(stepId, "verifying the restored database", target, null));
    }
    out.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
    PersonalDataGuard.find(out).ifPresent(kind -> {
      throw new ActionFailure("step " + stepId + ": the verification results hold something that looks like personal data (" + kind
          + ", in a table name or a value); nothing was recorded. Rename the query or table so results stay aggregates");
    });
    if (!problems.isEmpty()) {
      throw new ActionFailure("step " + stepId + ": verification of " + target.where() + " failed: " + String.join("; ", problems)
          + ". Do not trust this restore until the cause is understood (a damaged backup chain, or a check to correct)");
    }
    log.info("verification passed on {} ({} tables)", target.where(), out.get("tables"));
    return new ActionResult(out, observations);
  }

  /**
   * The source's row counts and cheap checksums now, in one snapshot of its own: what a later restore is
   * compared with (the local snapshots and the AWS snapshots record them the same way).
   */
  public static Map<String, Object> captureSource(String stepId, PgEndpoint source) {
    return TableInventory.captureFrom(source, new PgFaults.Situation(stepId, "counting the source's rows", source, null));
  }

  /** {@code checks} (each must meet its expectation) and {@code queries} (values recorded). */
  private static Map<String, Object> runChecks(Connection c, Map<String, Object> with, List<String> problems, String stepId)
      throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Map<String, Object>> checks = new ArrayList<>();
    for (Object o : ParamValues.list(with.get("checks"))) {
      Map<String, Object> check = ParamValues.map(o);
      String name = String.valueOf(check.get("name"));
      Expectation expect = Expectation.parse(check.get("expect") == null ? null : check.get("expect").toString(), name, stepId);
      BigDecimal value = runOne(c, String.valueOf(check.get("query")), "check \"" + name + "\"", stepId);
      boolean passed = expect.holdsFor(value);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", name);
      r.put("value", asNumber(value));
      r.put("expect", expect.toString());
      r.put("passed", passed);
      checks.add(r);
      if (!passed) {
        problems.add("check \"" + name + "\" returned " + value.toPlainString() + ", expected " + expect);
      }
    }
    if (!checks.isEmpty()) {
      out.put("checks", checks);
    }
    List<Map<String, Object>> queries = new ArrayList<>();
    int n = 0;
    for (Object q : ParamValues.list(with.get("queries"))) {
      n++;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("query", q.toString());
      r.put("value", asNumber(runOne(c, q.toString(), "query #" + n, stepId)));
      queries.add(r);
    }
    if (!queries.isEmpty()) {
      out.put("queryResults", queries);
    }
    return out;
  }

  private static BigDecimal runOne(Connection c, String sql, String label, String stepId) {
    try {
      return QueryCheck.run(c, sql, label, stepId);
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, new PgFaults.Situation(stepId, label + " could not run", null, null));
    }
  }

  private static Map<String, Object> sourceState(Map<String, Object> from, String key, String stepId, String fromStep) {
    Object v = from.get(key);
    if (!(v instanceof Map<?, ?>)) {
      throw new ActionFailure("step " + stepId + ": comparing with the source needs the source's state at snapshot time, which step "
          + fromStep + " does not carry (" + key + "); point `from:` at a restore step");
    }
    return ParamValues.map(v);
  }

  /** Integral values as a long (so evidence shows 42, not 4.2E+1), others as a plain decimal. */
  private static Number asNumber(BigDecimal v) {
    try {
      return v.longValueExact();
    } catch (ArithmeticException e) {
      return new BigDecimal(v.toPlainString());
    }
  }
}
