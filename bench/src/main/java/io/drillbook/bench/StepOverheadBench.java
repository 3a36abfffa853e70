package io.drillbook.bench;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.plan.Action;
import io.drillbook.plan.Objectives;
import io.drillbook.plan.Party;
import io.drillbook.plan.Plan;
import io.drillbook.plan.PlanMetadata;
import io.drillbook.plan.PlanType;
import io.drillbook.plan.Raci;
import io.drillbook.plan.Step;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-step overhead of DrillWorkflow (evidence appends, RACI, progress state) against a bare Temporal
 * activity, on the same embedded server in the same run. Each round runs a drill of N sequential
 * {@code notify} steps and a bare workflow of N no-op activities, alternately, and prints the median
 * per-step times and their ratio.
 *
 * <p>Usage: StepOverheadBench [steps=50] [rounds=7]
 */
public final class StepOverheadBench {
  private static final String BARE_QUEUE = "bench-bare";

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Map<String, String> env = EmbeddedBenchEnvironment.create();
    DrillbookSettings settings = DrillbookSettings.fromEnvironment(env);
    try (TemporalConnection temporal = TemporalConnection.embedded(0);
        DrillbookRuntime runtime = DrillbookRuntime.open(settings)) {
      WorkflowClient client = temporal.client();
      runtime.startWorker(client);
      WorkerFactory bareFactory = WorkerFactory.newInstance(client);
      Worker bare = bareFactory.newWorker(BARE_QUEUE, DrillbookRuntime.workerOptions(env));
      bare.registerWorkflowImplementationTypes(BareStepWorkflow.Impl.class);
      bare.registerActivitiesImplementations(new BareStepWorkflow.NoOpImpl());
      bareFactory.start();

      Plan plan = sequentialNotifyPlan(steps);
      runDrill(client, plan);
      runBare(client, steps);

      double[] drill = new double[rounds];
      double[] baseline = new double[rounds];
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        drill[r] = runDrill(client, plan) / steps;
        baseline[r] = runBare(client, steps) / steps;
        ratio[r] = drill[r] / baseline[r];
      }
      bareFactory.shutdown();
      System.out.printf("steps per run: %d, rounds: %d (after one warm-up round)%n", steps, rounds);
      System.out.printf("bare Temporal activity: median %.2f ms/step (min %.2f, max %.2f)%n",
          Stats.median(baseline), Stats.min(baseline), Stats.max(baseline));
      System.out.printf("DrillWorkflow step:     median %.2f ms/step (min %.2f, max %.2f)%n",
          Stats.median(drill), Stats.min(drill), Stats.max(drill));
      System.out.printf("ratio drill/bare:       median %.2f (min %.2f, max %.2f)%n", Stats.median(ratio), Stats.min(ratio), Stats.max(ratio));
    }
  }

  private static double runDrill(WorkflowClient client, Plan plan) {
    String id = DrillId.newId();
    DrillWorkflow wf = client.newWorkflowStub(DrillWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(DrillWorkflow.TASK_QUEUE).build());
    long start = System.nanoTime();
    DrillResult r = wf.run(new DrillRequest(id, plan, "0".repeat(64), "bench.yaml", Trigger.MANUAL, "bench"));
    double ms = (System.nanoTime() - start) / 1e6;
    if (r.verdict() != Verdict.PASSED) {
      throw new IllegalStateException("bench drill did not pass: " + r);
    }
    return ms;
  }

  private static double runBare(WorkflowClient client, int steps) {
    BareStepWorkflow wf = client.newWorkflowStub(BareStepWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId("bare-" + System.nanoTime()).setTaskQueue(BARE_QUEUE).build());
    long start = System.nanoTime();
    wf.run(steps);
    return (System.nanoTime() - start) / 1e6;
  }

  static Plan sequentialNotifyPlan(int n) {
    List<Step> steps = new ArrayList<>();
    Raci raci = new Raci(List.of("oncall"), "msp-manager", List.of(), List.of("client"));
    for (int i = 0; i < n; i++) {
      List<String> needs = i == 0 ? List.of() : List.of("step-" + (i - 1));
      steps.add(new Step("step-" + i, Action.NOTIFY, null, needs, null,
          Map.of("to", List.of("client"), "message", "bench step " + i), raci, null, null, null, null));
    }
    Map<String, Party> parties = Map.of(
        "client", new Party("Bench Client", List.of(), List.of("dsi")),
        "msp", new Party("Bench MSP", List.of(1, 2, 3, 4, 5, 6), List.of("oncall", "msp-manager")));
    return new Plan("drillbook/v1", "Plan",
        new PlanMetadata("bench-notify", "bench-tenant", PlanType.PCA, false, "step overhead benchmark", null, null),
        new Objectives(Duration.ofHours(4), Duration.ofMinutes(15)), parties, Map.of(), steps, List.of());
  }
}
