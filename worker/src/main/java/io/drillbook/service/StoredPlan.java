package io.drillbook.service;

import io.drillbook.plan.LoadedPlan;
import io.drillbook.plan.PlanType;
import io.drillbook.service.ServiceRefusal.Kind;

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

  /** The loaded plan, for what only a valid plan may do (start a drill, be scheduled); CONFLICT when it is not. */
  LoadedPlan requireValid() {
    if (!loaded.valid()) {
      throw new ServiceRefusal(Kind.CONFLICT, "plan '" + name + "' (" + loaded.file() + ") is not valid: "
          + loaded.errors().size() + (loaded.errors().size() == 1 ? " error" : " errors") + ", first "
          + loaded.errors().get(0), "fix the file (drillbook plan validate " + loaded.file() + ")");
    }
    return loaded;
  }
}
