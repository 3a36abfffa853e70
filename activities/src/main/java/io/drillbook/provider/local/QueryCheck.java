package io.drillbook.provider.local;

import io.drillbook.evidence.PersonalDataGuard;
import io.drillbook.provider.ActionFailure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one {@code verify} query on the restored database: read-only, and it must return exactly one row of
 * one numeric column (an aggregate). Anything else is refused, and so is any value that looks like personal
 * data, before it can reach the evidence (data minimisation): the error names the check and the kind of
 * data, never the value.
 */
final class QueryCheck {

  private static final Set<Integer> NUMERIC = Set.of(Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT,
      Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL);

  private QueryCheck() {}

  /** @param label how the step names this query in messages: check "x", or query #2 */
  static BigDecimal run(Connection c, String sql, String label, String stepId) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setMaxRows(2);
      st.setQueryTimeout(300);
      try (ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        if (!rs.next()) {
          throw refused(label, stepId, "returned no row");
        }
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Optional<String> kind = PersonalDataGuard.find(rs.getString(i));
          if (kind.isPresent()) {
            throw new ActionFailure("step " + stepId + ": " + label + " returned a value that looks like personal data (" + kind.get()
                + "); verify queries must return aggregates (count, sum, max of a date...), never personal data. The value was not recorded");
          }
        }
        if (md.getColumnCount() != 1) {
          throw refused(label, stepId, "returned " + md.getColumnCount() + " columns");
        }
        if (!NUMERIC.contains(md.getColumnType(1))) {
          throw refused(label, stepId, "returned a " + md.getColumnTypeName(1) + " column");
        }
        BigDecimal value = rs.getBigDecimal(1);
        if (rs.next()) {
          throw refused(label, stepId, "returned more than one row");
        }
        if (value == null) {
          throw refused(label, stepId, "returned NULL");
        }
        return value.stripTrailingZeros();
      }
    }
  }

  private static ActionFailure refused(String label, String stepId, String what) {
    return new ActionFailure("step " + stepId + ": " + label + " " + what
        + "; a verify query must return exactly one row with one number, e.g. select count(*) from patient_visit");
  }
}
