package io.drillbook.drill;

import io.drillbook.plan.Action;
import io.drillbook.plan.RetrySpec;
import io.drillbook.plan.Step;
import io.drillbook.plan.StepDefaults;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * The Temporal activity options of a step, built from its timeout and retry ({@link StepDefaults} fills in
 * what the plan leaves out, so the validator, the docs and the workflow agree on one table).
 */
public final class StepActivityOptions {

  /**
   * A provider action must heartbeat at least this often, so a dead worker is noticed within a minute; the
   * provider activity re-sends its last heartbeat every 10 s while a quiet tool (pg_basebackup) runs.
   */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  public static final double BACKOFF_COEFFICIENT = 2.0;

  /** An escalation's notice, sent on behalf of an approval step that has no notify timeout of its own. */
  public static final Duration ESCALATION_NOTICE_TIMEOUT = Duration.ofMinutes(1);

  /** A stand-in notify step, so an escalation's notice gets the same retry as a notify step. */
  private static final Step NOTICE = new Step("escalation-notice", Action.NOTIFY, null, null, null, null, null, null, null, null, null);

  private StepActivityOptions() {}

  /**
   * A provider action: start-to-close = the step timeout, heartbeats, the plan's retry, {@code ActionFailed}
   * never retried. Cancellation waits for the activity to stop, so cleanup never races a restore that is
   * still writing into the scratch instance it is about to delete.
   */
  static ActivityOptions providerOptions(Step step) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(StepDefaults.timeout(step))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(retryOptions(StepDefaults.retry(step)))
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .build();
  }

  /** A {@code notify} step or an escalation's notice. */
  static ActivityOptions notifyOptions(Step step) {
    Duration timeout = step.action() == Action.NOTIFY ? StepDefaults.timeout(step) : ESCALATION_NOTICE_TIMEOUT;
    RetrySpec retry = StepDefaults.retry(step.action() == Action.NOTIFY ? step : NOTICE);
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
            .setDoNotRetry(EvidenceActivities.CONFLICT, EvidenceActivities.LOST)
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
      return StepDefaults.RETRY_BACKOFF;
    }
    return retry.backoff().isPositive() ? retry.backoff() : Duration.ofMillis(1);
  }
}
