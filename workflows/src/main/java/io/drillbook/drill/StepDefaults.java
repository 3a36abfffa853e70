package io.drillbook.drill;

import io.drillbook.plan.Action;
import io.drillbook.plan.RetrySpec;
import io.drillbook.plan.Step;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * What a step gets when the plan leaves {@code timeout} or {@code retry} out, and the activity options built
 * from a step. One place, so the report, the docs and the workflow agree on the defaults.
 */
public final class StepDefaults {

  /** A provider action must heartbeat at least this often, so a dead worker is noticed in minutes, not hours. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(2);

  public static final RetrySpec RETRY = new RetrySpec(3, Duration.ofSeconds(10));
  public static final double BACKOFF_COEFFICIENT = 2.0;

  /** How long an approval or manual step waits for a person (and, when it escalates, waits once more). */
  public static final Duration HUMAN_GATE_TIMEOUT = Duration.ofHours(72);

  public static final Duration NOTIFY_TIMEOUT = Duration.ofMinutes(1);

  private StepDefaults() {}

  /** The step's own timeout, or the per-action default. */
  public static Duration timeout(Step step) {
    if (step.timeout() != null) {
      return step.timeout();
    }
    return switch (step.action()) {
      case SNAPSHOT, RESTORE, EXPORT, IMPORT -> Duration.ofHours(6);
      case VERIFY -> Duration.ofHours(2);
      case FAILOVER, FAILBACK, DELETE -> Duration.ofHours(1);
      case APPROVAL, MANUAL -> HUMAN_GATE_TIMEOUT;
      case NOTIFY -> NOTIFY_TIMEOUT;
      // A wait step's length is with.duration; it has no timeout of its own.
      case WAIT -> Duration.ZERO;
    };
  }

  public static RetrySpec retry(Step step) {
    return step.retry() != null ? step.retry() : RETRY;
  }

  /**
   * A provider action: start-to-close = the step timeout, heartbeats, the plan's retry, {@code ActionFailed}
   * never retried. Cancellation waits for the activity to stop, so cleanup never races a restore that is
   * still writing into the scratch instance it is about to delete.
   */
  static ActivityOptions providerOptions(Step step) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout(step))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retryOptions(retry(step)))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** A {@code notify} step or an escalation's notice. */
  static ActivityOptions notifyOptions(Step step) {
    Duration timeout = step.action() == Action.NOTIFY ? timeout(step) : NOTIFY_TIMEOUT;
    RetrySpec retry = step.action() == Action.NOTIFY ? retry(step) : RETRY;
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(timeout)
        .setRetryOptions(retryOptions(retry))
        .build();
  }

  /**
   * Evidence appends: short inserts, run as local activities. Transient errors are retried (the append is
   * idempotent by seq), a conflict never (it will not heal). The SDK retries a local activity only within a
   * schedule-to-close bound; {@link EvidenceLog} starts it again after that, so an event is never given up.
   */
  static LocalActivityOptions evidenceOptions() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(Duration.ofMinutes(10))
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(BACKOFF_COEFFICIENT)
            .setMaximumInterval(Duration.ofMinutes(1))
            .setMaximumAttempts(0)
            .setDoNotRetry(EvidenceActivities.CONFLICT)
            .build())
        .build();
  }

  private static RetryOptions retryOptions(RetrySpec retry) {
    return RetryOptions.newBuilder()
        .setMaximumAttempts(Math.max(1, retry.attempts()))
        .setInitialInterval(backoff(retry))
        .setBackoffCoefficient(BACKOFF_COEFFICIENT)
        .setDoNotRetry(ProviderActivities.ACTION_FAILED)
        .build();
  }

  /** Temporal needs a positive first interval; {@code backoff: 0s} means "retry at once", so 1 ms. */
  private static Duration backoff(RetrySpec retry) {
    if (retry.backoff() == null) {
      return RETRY.backoff();
    }
    return retry.backoff().isPositive() ? retry.backoff() : Duration.ofMillis(1);
  }
}
