package io.drillbook.drill;

import io.drillbook.plan.StepDefaults;

import io.drillbook.plan.DurationSyntax;
import java.util.Optional;

import io.drillbook.drill.NotifyActivities.NotifyMessage;
import io.drillbook.drill.NotifyActivities.NotifyReceipt;
import io.drillbook.plan.Step;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The actions drillbook carries out without a person: provider actions (one activity each), {@code wait}
 * (a durable timer) and {@code notify}. Each returns a {@link StepOutcome}; cancellation propagates as
 * {@link CanceledFailure} so the caller records the step as cancelled.
 */
final class StepActions {

  private final DrillRequest request;

  StepActions(DrillRequest request) {
    this.request = request;
  }

  /** Runs a provider action with the step's timeout and retry; {@code from} is the producing step, if any. */
  StepOutcome provider(StepRun run, StepRun from) {
    Step step = run.step;
    ProviderActivities provider = Workflow.newActivityStub(ProviderActivities.class, StepActivityOptions.providerOptions(step));
    ActionRequest action = new ActionRequest(
        request.drillId(), request.tenant(), step.id(), step.action(), step.resource(),
        request.plan().resources().get(step.resource()), step.with(), step.from(),
        from == null ? Map.of() : from.outputs, run.cleanup);
    try {
      ActionResult result = provider.run(action);
      return StepOutcome.succeeded(result.outputs(), result.observations());
    } catch (ActivityFailure e) {
      throwIfCanceled(e);
      int maxAttempts = Math.max(1, StepDefaults.retry(step).attempts());
      boolean exhausted = e.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED;
      return StepOutcome.failed(describe(e), Payload.of()
          .put("errorType", errorType(e))
          // Temporal tells how retries ended, not how many attempts a non-retryable failure took.
          .put("attempts", exhausted ? maxAttempts : null)
          .put("maxAttempts", maxAttempts)
          .put("nonRetryable", e.getRetryState() == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE ? true : null)
          .map());
    }
  }

  /** A durable timer of {@code with.duration}; survives worker restarts and is skipped over in tests. */
  StepOutcome await(StepRun run) {
    Object text = run.step.with().get("duration");
    Optional<Duration> duration = DurationSyntax.parse(text == null ? null : text.toString());
    if (duration.isEmpty()) {
      return StepOutcome.failed("with.duration: not a duration: " + DurationSyntax.HINT);
    }
    Workflow.sleep(duration.get());
    return StepOutcome.succeeded(Map.of("waitedMillis", duration.get().toMillis()), List.of());
  }

  /** Delivers {@code with.message} to {@code with.to}; the delivery receipt becomes the step's outputs. */
  StepOutcome notify(StepRun run) {
    Step step = run.step;
    Object message = step.with().get("message");
    try {
      NotifyReceipt receipt = notifier(step).notify(new NotifyMessage(
          request.tenant(), request.drillId(), step.id(), names(step.with().get("to")),
          message == null ? "" : message.toString()));
      return StepOutcome.succeeded(receiptOutputs(receipt), List.of());
    } catch (ActivityFailure e) {
      throwIfCanceled(e);
      return StepOutcome.failed(describe(e), Map.of("errorType", errorType(e)));
    }
  }

  /** Notifies {@code to} on behalf of {@code step} (escalations); throws ActivityFailure when delivery fails. */
  NotifyReceipt notify(Step step, List<String> to, String message) {
    return notifier(step).notify(new NotifyMessage(request.tenant(), request.drillId(), step.id(), to, message));
  }

  static Map<String, Object> receiptOutputs(NotifyReceipt receipt) {
    return Payload.of()
        .put("channel", receipt.channel())
        .put("recipients", receipt.recipients())
        .put("reference", receipt.reference())
        .map();
  }

  /** What went wrong, in words fit for the evidence: the provider's own message, or which timeout fired. */
  static String describe(ActivityFailure e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    if (cause instanceof TimeoutFailure timeout) {
      String type = timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "");
      return "timed out (" + type.toLowerCase(Locale.ROOT).replace('_', '-') + ")";
    }
    return cause != null ? cause.getMessage() : e.getMessage();
  }

  static void throwIfCanceled(ActivityFailure e) {
    if (e.getCause() instanceof CanceledFailure canceled) {
      throw canceled;
    }
  }

  private static String errorType(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure app) {
      return app.getType();
    }
    return e.getCause() instanceof TimeoutFailure ? "Timeout" : "ActivityFailure";
  }

  private NotifyActivities notifier(Step step) {
    return Workflow.newActivityStub(NotifyActivities.class, StepActivityOptions.notifyOptions(step));
  }

  private static List<String> names(Object to) {
    if (to instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return to == null ? List.of() : List.of(to.toString());
  }
}
