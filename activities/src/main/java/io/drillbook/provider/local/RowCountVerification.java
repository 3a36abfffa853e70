package io.drillbook.provider.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code rowCounts: { compareWith: source, tolerance }}: every user table's row count in the restored
 * database against the source's count at snapshot time. A table missing on either side is a mismatch too.
 */
final class RowCountVerification {

  private RowCountVerification() {}

  /** One line per table that differs by more than {@code tolerance} rows; empty when all agree. */
  static List<String> mismatches(Map<String, Object> source, Map<String, Long> restored, long tolerance) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> tables = new TreeSet<>(source.keySet());
    tables.addAll(restored.keySet());
    for (String t : tables) {
      Object expected = source.get(t);
      Long actual = restored.get(t);
      if (expected == null) {
        problems.add(t + ": in the restore (" + actual + " rows) but not in the source at snapshot time");
      } else if (actual == null) {
        problems.add(t + ": missing from the restore (source had " + expected + " rows)");
      } else if (Math.abs(actual - ParamValues.longValue(expected)) > tolerance) {
        problems.add(t + ": restored " + actual + " rows, source had " + expected + " at snapshot time");
      }
    }
    return problems;
  }
}
