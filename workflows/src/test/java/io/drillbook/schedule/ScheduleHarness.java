package io.drillbook.schedule;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.TestPlans;
import io.drillbook.plan.Plan;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A time-skipping Temporal test environment, starting at a chosen instant, running
 * {@link DrillSchedulerWorkflowImpl} with {@link ScriptedDrill}s as its drills, {@link ClientDrillOutcomes} and
 * {@link RecordingScheduleEvents}. {@link #sleep} lets months of workflow time pass in seconds.
 */
public final class ScheduleHarness implements AutoCloseable {

  public final ScriptedDrill.Script drills = new ScriptedDrill.Script();
  public final RecordingScheduleEvents events = new RecordingScheduleEvents();
  private final TestWorkflowEnvironment env;

  public ScheduleHarness(ZonedDateTime start) {
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setInitialTime(start.toInstant())
        .build());
    Worker worker = env.newWorker(DrillWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DrillSchedulerWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(DrillWorkflow.class, () -> new ScriptedDrill(drills));
    worker.registerActivitiesImplementations(events, new ClientDrillOutcomes(env.getWorkflowClient()));
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
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
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

  public TestWorkflowEnvironment env() {
    return env;
  }

  @Override
  public void close() {
    env.close();
  }
}
