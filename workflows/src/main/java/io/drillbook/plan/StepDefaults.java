package io.drillbook.plan;

import java.time.Duration;
import java.util.Map;

/**
 * What a step does when the plan leaves {@code timeout} or {@code retry} out. Provider actions are
 * idempotent activities, so retrying them is safe; a person's decision is never retried, only waited for.
 * docs/plan-format.md shows the same table.
 */
public final class StepDefaults {

  /** The first backoff of a {@code retry} written without one. */
  public static final Duration RETRY_BACKOFF = Duration.ofSeconds(30);

  private static final Map<Action, Duration> TIMEOUTS = Map.ofEntries(
      Map.entry(Action.SNAPSHOT, Duration.ofHours(2)),
      Map.entry(Action.RESTORE, Duration.ofHours(4)),
      Map.entry(Action.VERIFY, Duration.ofHours(1)),
      Map.entry(Action.FAILOVER, Duration.ofHours(1)),
      Map.entry(Action.FAILBACK, Duration.ofHours(1)),
      Map.entry(Action.EXPORT, Duration.ofHours(12)),
      Map.entry(Action.IMPORT, Duration.ofHours(12)),
      Map.entry(Action.DELETE, Duration.ofMinutes(30)),
      Map.entry(Action.APPROVAL, Duration.ofHours(72)),
      Map.entry(Action.MANUAL, Duration.ofHours(24)),
      Map.entry(Action.NOTIFY, Duration.ofMinutes(5)));

  private static final RetrySpec PROVIDER_RETRY = new RetrySpec(3, RETRY_BACKOFF);
  /** Cleanup that gives up early leaks a scratch resource: it tries harder. */
  private static final RetrySpec DELETE_RETRY = new RetrySpec(5, RETRY_BACKOFF);
  private static final RetrySpec NOTIFY_RETRY = new RetrySpec(3, Duration.ofSeconds(10));
  private static final RetrySpec NO_RETRY = new RetrySpec(1, RETRY_BACKOFF);

  private StepDefaults() {}

  /**
   * The step's {@code timeout}, else its action's default. A {@code wait} step's time limit is the time it
   * waits ({@code with.duration}); it has no other. For steps of a valid plan.
   */
  public static Duration timeout(Step step) {
    if (step.timeout() != null) {
      return step.timeout();
    }
    if (step.action() == Action.WAIT) {
      return DurationSyntax.parse(String.valueOf(step.with().get("duration"))).orElseThrow();
    }
    return TIMEOUTS.get(step.action());
  }

  /** The step's {@code retry}, else its action's default. */
  public static RetrySpec retry(Step step) {
    if (step.retry() != null) {
      return step.retry();
    }
    return switch (step.action()) {
      case DELETE -> DELETE_RETRY;
      case NOTIFY -> NOTIFY_RETRY;
      case APPROVAL, MANUAL, WAIT -> NO_RETRY;
      default -> PROVIDER_RETRY;
    };
  }
}
