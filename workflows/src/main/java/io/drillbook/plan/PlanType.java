package io.drillbook.plan;

/** What a plan proves. The names are the YAML spellings. */
public enum PlanType {
  PCA,
  PRA,
  RESTORE_TEST,
  FAILOVER_TEST,
  MIGRATION,
  REVERSIBILITY;

  /** Types whose plans must state both an RTO and an RPO (rule 5). */
  public boolean requiresObjectives() {
    return this == PCA || this == PRA || this == RESTORE_TEST || this == FAILOVER_TEST;
  }
}
