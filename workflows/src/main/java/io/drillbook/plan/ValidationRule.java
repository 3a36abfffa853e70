package io.drillbook.plan;

import java.util.Locale;

/** The rules of PLAN-FORMAT.md "Validation rules"; {@link #id()} is what {@link PlanError#rule()} holds. */
public enum ValidationRule {
  SCHEMA,
  RACI,
  GRAPH,
  RESOURCES,
  OBJECTIVES,
  HDS,
  CLEANUP,
  SECRETS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
