package io.drillbook.bench;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.Plan;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.schedule.DrillSchedulerWorkflow;
import io.drillbook.schedule.ScheduleId;
import io.drillbook.schedule.ScheduleSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * N schedules on the embedded Temporal test server with one drillbook worker (the production wiring:
 * {@code DrillbookRuntime}, H2 evidence in a temporary home), against N bare workflows on the same server:
 *
 * <ol>
 *   <li>heap: used heap after a GC once N bare workflows wait on a timer, then once N schedules wait for
 *       their fire (server and worker share this JVM, so both figures include the server's share);
 *   <li>fire: from a minute boundary until all N bare timers have started their (empty) child workflow, then
 *       until all N schedules firing on the same minute have started their drill (one {@code notify} step),
 *       read from the drills' {@code drill.started} evidence.
 * </ol>
 *
 * <p>Each schedule fires once, on a daily cron naming the chosen minute, so nothing fires while the heap is
 * measured; the minute is {@code leadMinutes} after the creation starts, which must leave time to create them
 * all. Progress goes to stderr. Usage: SchedulesBench [schedules=1000] [leadMinutes=5]
 */
public final class SchedulesBench {
  private static final String BARE_QUEUE = "bench-bare-fire";
  private static final Duration FIRE_WAIT = Duration.ofMinutes(20);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int leadMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Map<String, String> env = EmbeddedBenchEnvironment.create();
    try (TemporalConnection temporal = TemporalConnection.embedded(0);
        DrillbookRuntime runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(env))) {
      WorkflowClient client = temporal.client();
      runtime.startWorker(client);
      WorkerFactory bareFactory = WorkerFactory.newInstance(client);
      Worker bare = bareFactory.newWorker(BARE_QUEUE, DrillbookRuntime.workerOptions(env));
      bare.registerWorkflowImplementationTypes(BareFireWorkflow.Impl.class, BareFireWorkflow.ChildImpl.class);
      bareFactory.start();
      System.out.printf("%d schedules, one worker, max heap %d MB, %d cores%n", n,
          Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

      long before = usedHeapAfterGc();
      // Starting bare workflows takes seconds: they need no more lead than this.
      Instant bareMinute = minuteAfter(Math.min(2, leadMinutes));
      List<BareFireWorkflow> bares = startBare(client, n, bareMinute);
      await("the bare workflows to wait on their timers", Duration.ofMinutes(5),
          () -> bares.stream().allMatch(BareFireWorkflow::armed), () -> "");
      long bareHeap = usedHeapAfterGc() - before;
      requireBefore(bareMinute, "the bare workflows");
      long bareFire = 0;
      for (BareFireWorkflow b : bares) {
        bareFire = Math.max(bareFire, WorkflowStub.fromTyped(b).getResult(Long.class) - bareMinute.toEpochMilli());
      }

      before = usedHeapAfterGc();
      Instant scheduleMinute = minuteAfter(leadMinutes);
      long createStart = System.nanoTime();
      List<DrillSchedulerWorkflow> schedules = startSchedules(client, n, scheduleMinute);
      EvidenceStore evidence = runtime.evidence();
      await("every schedule's schedule.created", Duration.ofMinutes(10), () -> evidence.schedules(null).size() == n,
          () -> evidence.schedules(null).size() + " recorded");
      await("every schedule to wait for its fire", Duration.ofMinutes(5), () -> schedules.stream()
          .allMatch(s -> Long.valueOf(scheduleMinute.toEpochMilli()).equals(s.state().nextFireAtMillis())), () -> "");
      double createSeconds = (System.nanoTime() - createStart) / 1e9;
      long scheduleHeap = usedHeapAfterGc() - before;
      requireBefore(scheduleMinute, "the schedules");
      DrillFilter fired = DrillFilter.all().startedBetween(scheduleMinute, scheduleMinute.plus(FIRE_WAIT))
          .page(DrillFilter.MAX_LIMIT, 0);
      await("every schedule's drill to start", FIRE_WAIT.plusMinutes(leadMinutes + 1),
          () -> count(evidence, fired, n) >= n, () -> count(evidence, fired, n) + " started");
      long scheduleFire = 0;
      for (int offset = 0; offset < n; offset += DrillFilter.MAX_LIMIT) {
        for (DrillSummary d : evidence.drills(fired.page(DrillFilter.MAX_LIMIT, offset))) {
          scheduleFire = Math.max(scheduleFire, d.startedAt().toEpochMilli() - scheduleMinute.toEpochMilli());
        }
      }
      bareFactory.shutdown();

      System.out.printf("creating %d schedules (until all recorded and waiting): %.1f s%n", n, createSeconds);
      System.out.printf("heap after GC, %d bare workflows on a timer: %6.1f MB (%5.1f KB each)%n", n,
          bareHeap / 1048576.0, bareHeap / 1024.0 / n);
      System.out.printf("heap after GC, %d schedules:                  %6.1f MB (%5.1f KB each)  ratio %.2f%n", n,
          scheduleHeap / 1048576.0, scheduleHeap / 1024.0 / n, (double) scheduleHeap / bareHeap);
      System.out.printf("minute boundary to the last of %d bare children started: %6.1f s%n", n, bareFire / 1000.0);
      System.out.printf("minute boundary to the last of %d scheduled drills started: %6.1f s  ratio %.2f%n", n,
          scheduleFire / 1000.0, (double) scheduleFire / bareFire);
    }
  }

  private static List<BareFireWorkflow> startBare(WorkflowClient client, int n, Instant at) {
    List<BareFireWorkflow> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BareFireWorkflow wf = client.newWorkflowStub(BareFireWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId("bare-fire-" + i).setTaskQueue(BARE_QUEUE).build());
      WorkflowClient.start(wf::run, at.toEpochMilli());
      started.add(wf);
    }
    return started;
  }

  /** N schedules of a one-step notify plan, each on a daily cron that names {@code at}, in UTC. */
  private static List<DrillSchedulerWorkflow> startSchedules(WorkflowClient client, int n, Instant at) {
    Plan plan = StepOverheadBench.sequentialNotifyPlan(1);
    ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
    String cron = utc.getMinute() + " " + utc.getHour() + " * * *";
    List<DrillSchedulerWorkflow> started = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ScheduleSpec spec = ScheduleSpec.forPlan(ScheduleId.newId(), plan, "0".repeat(64), "bench.yaml", "bench")
          .withCron(cron, "UTC");
      DrillSchedulerWorkflow scheduler = client.newWorkflowStub(DrillSchedulerWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(spec.scheduleId()).setTaskQueue(DrillWorkflow.TASK_QUEUE).build());
      WorkflowClient.start(scheduler::run, spec);
      started.add(scheduler);
    }
    return started;
  }

  private static int count(EvidenceStore evidence, DrillFilter fired, int n) {
    int total = 0;
    for (int offset = 0; offset < n; offset += DrillFilter.MAX_LIMIT) {
      total += evidence.drills(fired.page(DrillFilter.MAX_LIMIT, offset)).size();
    }
    return total;
  }

  /** The first minute boundary at least {@code minutes} from now. */
  private static Instant minuteAfter(int minutes) {
    return Instant.now().plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
  }

  private static void requireBefore(Instant minute, String what) {
    if (!Instant.now().isBefore(minute)) {
      throw new IllegalStateException(what + " were not ready before their minute " + minute
          + ": run again with more lead minutes (second argument)");
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(500);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Waits, saying every 30 s on stderr what it waits for and {@code status}. */
  private static void await(String what, Duration within, BooleanSupplier done, Supplier<String> status)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + within.toNanos();
    long nextReport = start + REPORT_EVERY.toNanos();
    while (!done.getAsBoolean()) {
      long now = System.nanoTime();
      if (now > deadline) {
        throw new IllegalStateException("gave up waiting for " + what + " after " + within.toMinutes() + " min: "
            + status.get());
      }
      if (now > nextReport) {
        System.err.printf("%s waiting for %s: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), what, status.get());
        nextReport = now + REPORT_EVERY.toNanos();
      }
      Thread.sleep(1000);
    }
    System.err.printf("%s done: %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), what);
  }
}
