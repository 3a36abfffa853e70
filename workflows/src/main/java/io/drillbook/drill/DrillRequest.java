package io.drillbook.drill;

import io.drillbook.plan.Plan;

/**
 * A validated plan frozen for one drill: the plan itself, the SHA-256 of the YAML it came from, and who or
 * what started it. The drill ID is also the workflow ID; it carries no tenant or plan name.
 */
public record DrillRequest(
    String drillId,
    Plan plan,
    String planSha256,
    String planFile,
    Trigger trigger,
    String actor) {

  public String tenant() {
    return plan.metadata().tenant();
  }
}
