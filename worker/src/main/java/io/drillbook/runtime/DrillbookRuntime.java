package io.drillbook.runtime;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.DrillWorkflowImpl;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceActivitiesImpl;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.ScheduleEvidence;
import io.drillbook.metrics.DrillMetrics;
import io.drillbook.notify.NotifyActivitiesImpl;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.provider.ProviderActivitiesImpl;
import io.drillbook.provider.ProviderRegistry;
import io.drillbook.provider.SecretReferences;
import io.drillbook.schedule.ClientDrillOutcomes;
import io.drillbook.schedule.DrillSchedulerWorkflowImpl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: the evidence store, the provider registry and, when asked, a Temporal worker that
 * runs drills with them. Every command that needs more than a plan file goes through here, so `dev`,
 * `worker` and an embedded `drill start` wire exactly the same things.
 */
public final class DrillbookRuntime implements AutoCloseable {
  private static final Duration TASKS_STOP_GRACE = Duration.ofSeconds(5);
  private final DrillbookSettings settings;
  private final EvidenceStore evidence;
  private final String evidenceDescription;
  private final ProviderRegistry providers;
  private final PrometheusMeterRegistry metrics;
  private final DrillMetrics drillMetrics;
  private WorkerFactory workers;
  private ScratchHousekeeping housekeeping;

  private DrillbookRuntime(DrillbookSettings settings, EvidenceStore evidence, String evidenceDescription,
      ProviderRegistry providers, PrometheusMeterRegistry metrics) {
    this.settings = settings;
    this.evidence = evidence;
    this.evidenceDescription = evidenceDescription;
    this.providers = providers;
    this.metrics = metrics;
    this.drillMetrics = new DrillMetrics(metrics, evidence::events);
  }

  /** A runtime with metrics of its own, for commands that serve no /metrics. */
  public static DrillbookRuntime open(DrillbookSettings settings) {
    return open(settings, newMetricsRegistry());
  }

  /**
   * @param metrics the registry /metrics serves, created before the Temporal connection so that the SDK
   *     reports to it too ({@link TemporalConnection#embedded(int, io.micrometer.core.instrument.MeterRegistry)})
   */
  public static DrillbookRuntime open(DrillbookSettings settings, PrometheusMeterRegistry metrics) {
    try {
      Files.createDirectories(settings.workDir());
    } catch (IOException e) {
      throw new UserError("cannot create the work directory " + settings.workDir() + " (" + e.getMessage()
          + "): set DRILLBOOK_HOME to a writable directory", ExitCodes.ENVIRONMENT);
    }
    EvidenceStore store;
    EvidenceConfig config;
    try {
      config = EvidenceConfig.fromEnvironment(settings.env());
      store = EvidenceStore.open(config);
    } catch (RuntimeException e) {
      throw new UserError("cannot open the evidence store: " + e.getMessage()
          + " (check DRILLBOOK_EVIDENCE_URL and the database it names)", ExitCodes.ENVIRONMENT);
    }
    return new DrillbookRuntime(settings, store, config.displayUrl(), BuiltInProviders.registry(), metrics);
  }

  public static PrometheusMeterRegistry newMetricsRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Registers the drill and schedule workflows and their activities on the drillbook task queue, starts
   * polling, and starts sweeping the work directory. Schedules record their changes in the evidence store and
   * look up their drills with {@code client}.
   */
  public void startWorker(WorkflowClient client) {
    if (workers != null) {
      throw new IllegalStateException("worker already started");
    }
    housekeeping = ScratchHousekeeping.start(settings, evidence, client);
    workers = WorkerFactory.newInstance(client);
    Worker worker = workers.newWorker(DrillWorkflow.TASK_QUEUE, workerOptions(settings.env()));
    worker.registerWorkflowImplementationTypes(DrillWorkflowImpl.class, DrillSchedulerWorkflowImpl.class);
    seedLastSuccesses();
    worker.registerActivitiesImplementations(
        new EvidenceActivitiesImpl(evidence, drillMetrics),
        new ProviderActivitiesImpl(providers, new SecretReferences(settings.env()), settings.workDir()),
        NotifyActivitiesImpl.fromEnvironment(settings.env()),
        new ScheduleEvidence(evidence),
        new ClientDrillOutcomes(client));
    workers.start();
  }

  /**
   * Options of every drillbook worker. Sticky execution (each worker keeps its drills' workflow state
   * cached) is on unless {@code DRILLBOOK_STICKY_EXECUTION=false}: it makes a step about 7 times cheaper
   * (bench/core.sh). Turn it off only for extra `drillbook worker` processes served by the Java test server
   * of a `drillbook dev`: that server never moves a workflow task off the sticky queue of a worker that died,
   * so a killed worker would strand its drills there (a real Temporal cluster moves it after 5 s).
   */
  public static WorkerOptions workerOptions(Map<String, String> env) {
    WorkerOptions.Builder options = WorkerOptions.newBuilder().setUsingVirtualThreads(true);
    if ("false".equalsIgnoreCase(env.get("DRILLBOOK_STICKY_EXECUTION"))) {
      // A zero sticky schedule-to-start timeout makes the SDK send no sticky attributes.
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return options.build();
  }

  /**
   * Gives the last-success gauges the drills that passed before this worker started: without it a restarted
   * worker would report no last success, and the overdue alert could not fire for a plan that stopped
   * running.
   */
  private void seedLastSuccesses() {
    for (Verdict passed : List.of(Verdict.PASSED, Verdict.PASSED_WITH_OBSERVATIONS)) {
      DrillFilter filter = DrillFilter.all().withVerdict(passed);
      for (int offset = 0; ; offset += DrillFilter.MAX_LIMIT) {
        List<DrillSummary> page = evidence.drills(filter.page(DrillFilter.MAX_LIMIT, offset));
        for (DrillSummary d : page) {
          if (d.endedAt() != null && d.planName() != null && d.planType() != null) {
            drillMetrics.lastSuccess(d.planName(), d.planType().name(), d.endedAt());
          }
        }
        if (page.size() < DrillFilter.MAX_LIMIT) {
          break;
        }
      }
    }
  }

  /** The metrics this process serves on /metrics: drills (docs/metrics.md) and the Temporal SDK's. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  public DrillbookSettings settings() {
    return settings;
  }

  public EvidenceStore evidence() {
    return evidence;
  }

  /** The evidence database's JDBC URL with any password masked, for messages. */
  public String evidenceDescription() {
    return evidenceDescription;
  }

  public ProviderRegistry providers() {
    return providers;
  }

  @Override
  public void close() {
    // shutdownNow: a graceful shutdown waits out the pollers' 60 s long polls on the test server. An
    // activity cut short here is retried by Temporal on another worker; every action is idempotent. It
    // returns at once, so the tasks unwind while a sweep under way finishes: the two waits overlap, within
    // StopOnSignal's bound.
    if (workers != null) {
      workers.shutdownNow();
    }
    if (housekeeping != null) {
      housekeeping.close();
    }
    if (workers != null) {
      workers.awaitTermination(TASKS_STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    evidence.close();
  }
}
