package io.drillbook.schedule;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.TestPlans;
import io.drillbook.plan.Plan;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.testservice.v1.UnlockTimeSkippingRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A time-skipping Temporal test environment, starting at a chosen instant, running
 * {@link DrillSchedulerWorkflowImpl} with {@link ScriptedDrill}s as its drills, {@link ClientDrillOutcomes} and
 * {@link RecordingScheduleEvents}. {@link #sleepUntil} lets months of workflow time pass in seconds.
 */
public final class ScheduleHarness implements AutoCloseable {

  public final ScriptedDrill.Script drills = new ScriptedDrill.Script();
  public final RecordingScheduleEvents events = new RecordingScheduleEvents();
  private final TestWorkflowEnvironment env;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
  private final Set<String> released = ConcurrentHashMap.newKeySet();
  private final AtomicReference<RuntimeException> watcherFailure = new AtomicReference<>();

  public ScheduleHarness(ZonedDateTime start) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(start.toInstant())
        .build());
    Worker worker = env.newWorker(DrillWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DrillSchedulerWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(DrillWorkflow.class, () -> new ScriptedDrill(drills));
    // A plain client: the environment's own one unlocks and relocks time skipping around getResult, which from
    // inside an activity leaves time locked for good.
    WorkflowClient plain = WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
        WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    TestServiceStubs testService = TestServiceStubs.newServiceStubs(
        TestServiceStubsOptions.newBuilder(env.getWorkflowServiceStubs().getOptions()).validateAndBuildWithDefaults());
    worker.registerActivitiesImplementations(events, new ClientDrillOutcomes(plain));
    watcher.scheduleWithFixedDelay(() -> releaseEndedDrills(plain, testService), 10, 10, TimeUnit.MILLISECONDS);
    env.start();
  }

  /** A schedule of a test plan on {@code cron} in {@code zone}, created by "planner". */
  public static ScheduleSpec spec(String cron, String zone) {
    Plan plan = TestPlans.plan("monthly-restore").build();
    return ScheduleSpec.forPlan(ScheduleId.newId(), plan, "a".repeat(64), "plans/monthly-restore.yaml", "planner")
        .withCron(cron, zone);
  }

  public DrillSchedulerWorkflow start(ScheduleSpec spec) {
    DrillSchedulerWorkflow scheduler = client().newWorkflowStub(DrillSchedulerWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(spec.scheduleId())
            .setTaskQueue(DrillWorkflow.TASK_QUEUE)
            .build());
    WorkflowClient.start(scheduler::run, spec);
    return scheduler;
  }

  /** Lets workflow time pass (skipping) up to {@code until}, running every timer and drill on the way. */
  public void sleepUntil(ZonedDateTime until) {
    Duration d = Duration.between(now(), until.toInstant());
    if (!d.isNegative() && !d.isZero()) {
      env.sleep(d);
    }
    if (watcherFailure.get() != null) {
      throw new AssertionError("the drill watcher failed", watcherFailure.get());
    }
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /**
   * The drills started so far, once there are at least {@code count}: a trigger returns when the drill's
   * workflow has started, which can be before that workflow's first task records its start.
   */
  public List<ScriptedDrill.Start> awaitDrillStarts(int count) throws InterruptedException {
    for (int i = 0; i < 200 && drills.starts().size() < count; i++) {
      Thread.sleep(50);
    }
    return drills.starts();
  }

  /** The start times of the drills so far, in {@code zone}. */
  public List<ZonedDateTime> drillStarts(ZoneId zone) {
    return drills.starts().stream().map(s -> Instant.ofEpochMilli(s.atMillis()).atZone(zone)).toList();
  }

  public static ZonedDateTime at(String localDateTime, String zone) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone));
  }

  /** The scheduler's result once deleted; time skips meanwhile. */
  public ScheduleState result(DrillSchedulerWorkflow scheduler) {
    return WorkflowStub.fromTyped(scheduler).getResult(ScheduleState.class);
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    env.close();
  }

  /**
   * The test server (1.38) locks time skipping when a child workflow ends, until its parent has taken the
   * news; a parent run that already continued as new never takes it, and time stays locked for good. Every
   * drill here is such an abandoned child, ending after the run that started it (which continues as new as soon
   * as the drill has started, and a scripted drill runs for minutes at least). So a watcher gives that lock back
   * as soon as a drill has ended; time cannot move meanwhile, so it never misses one.
   */
  private void releaseEndedDrills(WorkflowClient plain, TestServiceStubs testService) {
    try {
      releaseEnded(plain, testService);
    } catch (RuntimeException e) {
      // Surfaced by the next sleep: a dead watcher would otherwise show as a test that hangs.
      watcherFailure.compareAndSet(null, e);
      throw e;
    }
  }

  private void releaseEnded(WorkflowClient plain, TestServiceStubs testService) {
    for (ScriptedDrill.Start start : drills.starts()) {
      if (!released.contains(start.drillId())
          && plain.newUntypedWorkflowStub(start.drillId()).describe().getStatus()
              != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        released.add(start.drillId());
        testService.blockingStub().unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance());
      }
    }
  }
}
