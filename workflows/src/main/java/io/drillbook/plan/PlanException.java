package io.drillbook.plan;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown where a plan is needed but its file does not validate; carries every error, not only the first. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<PlanError> errors;

  public PlanException(List<PlanError> errors) {
    super(errors.stream().map(PlanError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<PlanError> errors() {
    return errors;
  }
}
