package io.drillbook.drill;

import io.drillbook.plan.Action;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider whose behaviour each test scripts per step id: outputs and observations, failures (the first N
 * attempts, or always; retryable or {@code ActionFailed}), real busy time with heartbeats, or running until
 * cancelled. Every attempt is recorded with its real start and end, to check ordering and overlap.
 */
public final class ScriptedProvider implements ProviderActivities {

  /** One attempt of one action. {@code outcome} is {@code ok}, {@code failed} or {@code cancelled}. */
  public record Call(String stepId, Action action, int attempt, boolean cleanup, String fromStepId,
      Map<String, Object> fromOutputs, long startNanos, long endNanos, String outcome) {

    public boolean overlaps(Call other) {
      return startNanos < other.endNanos && other.startNanos < endNanos;
    }
  }

  private static final Duration CANCEL_WAIT_LIMIT = Duration.ofSeconds(30);
  private static final Duration HEARTBEAT_EVERY = Duration.ofMillis(20);

  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());

  /** The script of {@code stepId}; a step without one succeeds at once with output {@code ref}. */
  public Script script(String stepId) {
    return scripts.computeIfAbsent(stepId, id -> new Script());
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public List<Call> calls(String stepId) {
    return calls().stream().filter(c -> c.stepId().equals(stepId)).toList();
  }

  public Call last(String stepId) {
    List<Call> mine = calls(stepId);
    if (mine.isEmpty()) {
      throw new AssertionError("step " + stepId + " never reached the provider; calls: " + calls());
    }
    return mine.get(mine.size() - 1);
  }

  @Override
  public ActionResult run(ActionRequest request) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    int attempt = ctx.getInfo().getAttempt();
    Script script = script(request.stepId());
    long start = System.nanoTime();
    String outcome = "failed";
    try {
      busy(ctx, script);
      if (script.failAlways != null || attempt <= script.failFirst) {
        String message = script.failAlways != null ? script.failAlways : "transient failure on attempt " + attempt;
        throw script.retryable
            ? ApplicationFailure.newFailure(message, "Transient")
            : ApplicationFailure.newNonRetryableFailure(message, ACTION_FAILED);
      }
      outcome = "ok";
      Map<String, Object> outputs = script.outputs != null ? script.outputs : Map.of("ref", request.stepId() + "-out");
      return new ActionResult(outputs, script.observations);
    } catch (ActivityCompletionException cancelled) {
      outcome = "cancelled";
      throw cancelled;
    } finally {
      calls.add(new Call(request.stepId(), request.action(), attempt, request.cleanup(), request.fromStepId(),
          request.fromOutputs(), start, System.nanoTime(), outcome));
    }
  }

  private static void busy(ActivityExecutionContext ctx, Script script) {
    long until = System.nanoTime() + (script.untilCancelled ? CANCEL_WAIT_LIMIT : script.busy).toNanos();
    while (System.nanoTime() < until) {
      ctx.heartbeat(null);
      try {
        Thread.sleep(HEARTBEAT_EVERY.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** What one step does when the provider runs it. */
  public static final class Script {
    private volatile Map<String, Object> outputs;
    private volatile List<String> observations = List.of();
    private volatile int failFirst;
    private volatile String failAlways;
    private volatile boolean retryable = true;
    private volatile Duration busy = Duration.ZERO;
    private volatile boolean untilCancelled;

    private Script() {}

    public Script outputs(Map<String, Object> outputs) {
      this.outputs = outputs;
      return this;
    }

    public Script observations(String... observations) {
      this.observations = List.of(observations);
      return this;
    }

    /** The first {@code n} attempts fail with a retryable error. */
    public Script failFirst(int n) {
      this.failFirst = n;
      return this;
    }

    /** Every attempt fails with {@code ActionFailed}, which is never retried. */
    public Script fail(String message) {
      this.failAlways = message;
      this.retryable = false;
      return this;
    }

    /** Every attempt fails with a retryable error. */
    public Script failRetryable(String message) {
      this.failAlways = message;
      this.retryable = true;
      return this;
    }

    /** Each attempt works (and heartbeats) for {@code d} of real time first. */
    public Script busyFor(Duration d) {
      this.busy = d;
      return this;
    }

    /** Each attempt heartbeats until the workflow cancels it (at most 30 s). */
    public Script untilCancelled() {
      this.untilCancelled = true;
      return this;
    }
  }
}
