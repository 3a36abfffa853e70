package io.drillbook.drill;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Every provider action runs through this one activity; the implementation dispatches to the provider
 * registered for the resource's {@code provider} and {@code type}. Implementations heartbeat and are
 * idempotent: names derive from drill ID + step ID, so a retry finds its own earlier work.
 */
@ActivityInterface
public interface ProviderActivities {

  /** The failure type ({@code ApplicationFailure} type) for causes a retry cannot fix; never retried. */
  String ACTION_FAILED = "ActionFailed";

  @ActivityMethod(name = "RunProviderAction")
  ActionResult run(ActionRequest request);
}
