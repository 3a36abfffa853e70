package io.drillbook.provider;

import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;

/** {@link ActionContext.Heartbeat} backed by the running activity's heartbeats (the SDK throttles them). */
final class TemporalHeartbeat implements ActionContext.Heartbeat {
  private final ActivityExecutionContext activity;

  TemporalHeartbeat(ActivityExecutionContext activity) {
    this.activity = activity;
  }

  @Override
  public void beat(Object details) {
    activity.heartbeat(details);
  }

  @Override
  public <T> Optional<T> previous(Class<T> type) {
    return activity.getHeartbeatDetails(type);
  }
}
