package io.drillbook.bench;

import io.drillbook.drill.ActionRequest;
import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.plan.Resource;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.provider.ProviderActivitiesImpl;
import io.drillbook.provider.SecretReferences;
import java.nio.file.Path;
import java.util.Map;

/**
 * The provider actions of one benchmark drill, run through the real activity code
 * ({@link ProviderActivitiesImpl#run(ActionRequest, ActionContext.Heartbeat)}: driver lookup, keep-alive,
 * the local PostgreSQL driver) as a worker runs them, minus Temporal.
 */
final class DrillbookActions {


  private final ProviderActivitiesImpl activities;
  private final Resource database;
  private final String drillId;

  DrillbookActions(Path workDir, String dsn, String drillId) {
    this.activities = new ProviderActivitiesImpl(BuiltInProviders.registry(), new SecretReferences(Map.of()), workDir);
    this.database = new Resource("local", "postgresql", Map.of("dsn", dsn, "user", "postgres"));
    this.drillId = drillId;
  }

  Map<String, Object> run(String stepId, Action action, Map<String, Object> with, String fromStep, Map<String, Object> from) {
    ActionRequest request = new ActionRequest(drillId, "bench-tenant", stepId, action, "bench-db", database, with, fromStep, from,
        action == Action.DELETE);
    ActionResult result = activities.run(request, ActionContext.Heartbeat.NONE);
    return result.outputs();
  }

  Map<String, Object> run(String stepId, Action action, Map<String, Object> with) {
    return run(stepId, action, with, null, null);
  }

  /** Removes what {@code fromStep} created (the plan's cleanup). */
  void delete(String fromStep, Map<String, Object> from) {
    run("drop-" + fromStep, Action.DELETE, Map.of(), fromStep, from);
  }
}
