package io.drillbook.service;

import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanType;

/**
 * A plan file of the plans directory, loaded and validated.
 *
 * @param name the plan's {@code metadata.name}; null when the file is too broken to tell
 * @param tenant the plan's {@code metadata.tenant}; null when the file is too broken to tell
 * @param type null when the file does not tell
 */
public record StoredPlan(String name, String tenant, PlanType type, LoadedPlan loaded) {

  public boolean valid() {
    return loaded.valid();
  }
}
