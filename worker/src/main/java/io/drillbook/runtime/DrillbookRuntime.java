package io.drillbook.runtime;

import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.DrillWorkflowImpl;
import io.drillbook.evidence.EvidenceActivitiesImpl;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.notify.NotifyActivitiesImpl;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.provider.ProviderActivitiesImpl;
import io.drillbook.provider.ProviderRegistry;
import io.drillbook.provider.SecretReferences;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The composition root: the evidence store, the provider registry and, when asked, a Temporal worker that
 * runs drills with them. Every command that needs more than a plan file goes through here, so `dev`,
 * `worker` and an embedded `drill start` wire exactly the same things.
 */
public final class DrillbookRuntime implements AutoCloseable {
  private final DrillbookSettings settings;
  private final EvidenceStore evidence;
  private final String evidenceDescription;
  private final ProviderRegistry providers;
  private WorkerFactory workers;
  private ScratchHousekeeping housekeeping;

  private DrillbookRuntime(DrillbookSettings settings, EvidenceStore evidence, String evidenceDescription,
      ProviderRegistry providers) {
    this.settings = settings;
    this.evidence = evidence;
    this.evidenceDescription = evidenceDescription;
    this.providers = providers;
  }

  public static DrillbookRuntime open(DrillbookSettings settings) {
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
    return new DrillbookRuntime(settings, store, config.displayUrl(), BuiltInProviders.registry());
  }

  /**
   * Registers the drill workflow and its activities on the drillbook task queue, starts polling, and starts
   * sweeping the work directory.
   */
  public void startWorker(WorkflowClient client) {
    if (workers != null) {
      throw new IllegalStateException("worker already started");
    }
    housekeeping = ScratchHousekeeping.start(settings, evidence, client);
    workers = WorkerFactory.newInstance(client);
    // No sticky task queue (a zero timeout turns it off): the embedded Temporal test server never moves a
    // workflow task off the sticky queue of a worker that died, so a drill whose worker was killed would wait
    // for it forever. Without it any worker takes the next task, replaying the drill's short history.
    Worker worker = workers.newWorker(DrillWorkflow.TASK_QUEUE, WorkerOptions.newBuilder()
        .setUsingVirtualThreads(true).setStickyQueueScheduleToStartTimeout(Duration.ZERO).build());
    worker.registerWorkflowImplementationTypes(DrillWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new EvidenceActivitiesImpl(evidence),
        new ProviderActivitiesImpl(providers, new SecretReferences(settings.env()), settings.workDir()),
        NotifyActivitiesImpl.fromEnvironment(settings.env()));
    workers.start();
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
    if (housekeeping != null) {
      housekeeping.close();
    }
    if (workers != null) {
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    evidence.close();
  }
}
