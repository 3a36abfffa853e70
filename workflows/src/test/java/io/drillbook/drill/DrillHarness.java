package io.drillbook.drill;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A time-skipping Temporal test environment running {@link DrillWorkflowImpl} with the in-memory fakes (or
 * any activity implementations a test passes). Timers and timeouts of hours pass in milliseconds once a test
 * waits for a result; queries and Updates do not move time.
 */
public final class DrillHarness implements AutoCloseable {

  public final InMemoryEvidence evidence;
  public final ScriptedProvider provider;
  public final RecordingNotifier notifier;
  private final TestWorkflowEnvironment env;

  public DrillHarness() {
    this(new InMemoryEvidence());
  }

  public DrillHarness(InMemoryEvidence evidence) {
    this.evidence = evidence;
    this.provider = new ScriptedProvider();
    this.notifier = new RecordingNotifier();
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(DrillWorkflow.TASK_QUEUE, WorkerOptions.newBuilder()
        // Heartbeats carry cancellation to activities; unthrottled so cancel tests take milliseconds.
        .setMaxHeartbeatThrottleInterval(Duration.ofMillis(50))
        .setDefaultHeartbeatThrottleInterval(Duration.ofMillis(50))
        .build());
    worker.registerWorkflowImplementationTypes(DrillWorkflowImpl.class);
    worker.registerActivitiesImplementations(evidence, provider, notifier);
    env.start();
  }

  public TestWorkflowEnvironment env() {
    return env;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Starts the drill and returns a stub for queries and Updates. */
  public DrillWorkflow start(DrillRequest request) {
    DrillWorkflow drill = client().newWorkflowStub(DrillWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.drillId())
        .setTaskQueue(DrillWorkflow.TASK_QUEUE)
        .build());
    WorkflowClient.start(drill::run, request);
    return drill;
  }

  /** Waits for the drill's result, letting time skip over its timers. */
  public DrillResult result(DrillWorkflow drill) {
    return WorkflowStub.fromTyped(drill).getResult(DrillResult.class);
  }

  public DrillResult run(DrillRequest request) {
    return result(start(request));
  }

  /** Polls the progress query (real time, no skipping) until {@code stepId} is in {@code state}. */
  public StepProgress awaitStep(DrillWorkflow drill, String stepId, StepState state) {
    return awaitStep(drill, stepId, s -> s.state() == state);
  }

  public StepProgress awaitStep(DrillWorkflow drill, String stepId, Predicate<StepProgress> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StepProgress last = null;
    while (System.nanoTime() < deadline) {
      last = drill.progress().steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
          .orElseThrow(() -> new AssertionError("no step " + stepId));
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("step " + stepId + " did not reach the expected state; last seen " + last);
  }

  @Override
  public void close() {
    env.close();
  }
}
