package io.drillbook.plan;

import java.util.List;

/**
 * A plan file after parsing and validation, as the CLI and the API receive it.
 *
 * @param plan the plan, or null when {@code errors} is not empty
 * @param sha256 hex SHA-256 of the file's bytes: the plan version recorded with every drill
 * @param file the name errors are reported under
 * @param warnings printed as {@code FILE:LINE:COL: warning: MESSAGE}; they do not make the plan invalid
 */
public record LoadedPlan(Plan plan, String sha256, String file, List<PlanError> errors, List<String> warnings) {

  public LoadedPlan {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * The plan, for callers that cannot go on without one.
   *
   * @throws PlanException with every error, when the file does not validate
   */
  public Plan requireValid() {
    if (!valid()) {
      throw new PlanException(errors);
    }
    return plan;
  }
}
