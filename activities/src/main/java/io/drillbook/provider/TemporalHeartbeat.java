package io.drillbook.provider;

import io.temporal.activity.ActivityExecutionContext;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@link ActionContext.Heartbeat} backed by the running activity's heartbeats (the SDK throttles them).
 * While the action runs it also re-sends the last details every few seconds: external tools such as
 * pg_basebackup can run for minutes without a progress callback, and the heartbeat timeout is there to
 * notice a dead worker, not a quiet tool. Re-sending the last details (never null) keeps what a retry
 * needs to resume.
 */
final class TemporalHeartbeat implements ActionContext.Heartbeat, AutoCloseable {
  private static final long KEEPALIVE_SECONDS = 10;

  private final ActivityExecutionContext activity;
  private final ScheduledExecutorService keepalive;
  private volatile Object last;

  TemporalHeartbeat(ActivityExecutionContext activity) {
    this.activity = activity;
    this.last = activity.getHeartbeatDetails(Object.class).orElse(null);
    this.keepalive = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("heartbeat").factory());
    keepalive.scheduleAtFixedRate(this::resend, KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void beat(Object details) {
    last = details;
    activity.heartbeat(details);
  }

  @Override
  public <T> Optional<T> previous(Class<T> type) {
    return activity.getHeartbeatDetails(type);
  }

  private void resend() {
    try {
      activity.heartbeat(last);
    } catch (RuntimeException cancelledOrGone) {
      // The activity was cancelled or timed out; the action's own next beat reports it.
      keepalive.shutdown();
    }
  }

  @Override
  public void close() {
    keepalive.shutdownNow();
  }
}
