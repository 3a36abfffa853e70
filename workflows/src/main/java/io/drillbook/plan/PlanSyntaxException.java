package io.drillbook.plan;

/** A plan file that is not well-formed YAML for a plan; the parser turns it into a {@link PlanError}. */
final class PlanSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient SourcePosition position;

  PlanSyntaxException(SourcePosition position, String message) {
    super(message);
    this.position = position;
  }

  SourcePosition position() {
    return position;
  }
}
