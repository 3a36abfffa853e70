package io.drillbook.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The errors and warnings found in one plan file, in file order, so `plan validate` reads like a compiler's
 * output whatever order the rules ran in.
 */
public final class Findings {

  private static final Comparator<PlanError> FILE_ORDER =
      Comparator.comparingInt(PlanError::line).thenComparingInt(PlanError::column);

  private final String file;
  private final List<PlanError> errors = new ArrayList<>();
  private final List<PlanError> warnings = new ArrayList<>();

  Findings(String file) {
    this.file = file;
  }

  void error(SourcePosition at, ValidationRule rule, String message) {
    errors.add(new PlanError(file, at.line(), at.column(), message, rule.id()));
  }

  void addAll(List<PlanError> found) {
    errors.addAll(found);
  }

  /** Something that does not stop the plan from running but that its author should know. */
  void warning(SourcePosition at, String message) {
    warnings.add(new PlanError(file, at.line(), at.column(), message, "warning"));
  }

  public List<PlanError> errors() {
    return errors.stream().sorted(FILE_ORDER).toList();
  }

  /** Printed as {@code FILE:LINE:COL: warning: MESSAGE}. */
  public List<String> warnings() {
    return warnings.stream().sorted(FILE_ORDER)
        .map(w -> w.file() + ":" + w.line() + ":" + w.column() + ": warning: " + w.message())
        .toList();
  }
}
