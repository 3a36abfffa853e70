package io.drillbook.schedule;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Looks up a drill by its ID (its workflow ID): running, or ended with which verdict. Implemented with a
 * {@code WorkflowClient} (describe, then the result of a closed drill). Read-only, so retries are harmless.
 *
 * <p>The scheduler polls this instead of waiting on its child: it continues as new right after starting a
 * drill, and a child's completion reaches only the run that started it (see DrillSchedulerWorkflowImpl).
 */
@ActivityInterface
public interface DrillOutcomes {

  @ActivityMethod(name = "LookUpDrillOutcome")
  DrillOutcome lookUp(String drillId);
}
