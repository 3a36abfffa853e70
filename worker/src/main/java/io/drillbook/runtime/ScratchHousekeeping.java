package io.drillbook.runtime;

import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.provider.local.ScratchSweeper;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's sweeper: once at start and then every {@code DRILLBOOK_SWEEP_INTERVAL}, it removes what
 * drills left in the work directory ({@link ScratchSweeper}: expired {@code keepFor}, or drills that are
 * over, as {@link DrillLiveness} tells) and the expired AWS scratch resources of the accounts named by
 * {@code DRILLBOOK_AWS_SWEEP} ({@link AwsSweep}), and records it under each drill's tenant ({@link SweepEvidence}).
 * A sweep that finds nothing writes nothing. A failing sweep is logged and tried again at the next tick.
 */
public final class ScratchHousekeeping implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScratchHousekeeping.class);
  /**
   * Long enough for a sweep under way to stop a scratch cluster cleanly (pg_ctl's fast stop), short enough
   * for Ctrl-C to stay quick (StopOnSignal); a sweep cut short is done again by the next worker's first sweep.
   */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path workDir;
  private final EvidenceStore evidence;
  private final ScratchSweeper sweeper;
  private final DrillLiveness liveness;
  private final LiveWorkers workers;
  private final ScheduledExecutorService timer;
  private final AwsSweep aws;

  private ScratchHousekeeping(Path workDir, EvidenceStore evidence, DrillLiveness liveness, LiveWorkers workers, AwsSweep aws) {
    this.workDir = workDir;
    this.evidence = evidence;
    this.sweeper = new ScratchSweeper(workDir);
    this.aws = aws;
    this.liveness = liveness;
    this.workers = workers;
    this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("drillbook-sweeper").daemon().factory());
  }

  /** Registers this worker on the home and starts sweeping at once, then every interval. */
  public static ScratchHousekeeping start(DrillbookSettings settings, EvidenceStore evidence, WorkflowClient temporal) {
    Duration every = settings.sweepInterval();
    AwsSweep aws = AwsSweep.fromSettings(settings.env());
    String service = temporal.getWorkflowServiceStubs().getOptions().getTarget() + "/" + temporal.getOptions().getNamespace();
    LiveWorkers workers;
    try {
      workers = LiveWorkers.register(settings.workersDir(), service);
    } catch (IOException e) {
      aws.close();
      throw new UserError("cannot register the worker in " + settings.workersDir() + " (" + e.getMessage()
          + "): set DRILLBOOK_HOME to a writable directory", ExitCodes.ENVIRONMENT);
    }
    ScratchHousekeeping h = new ScratchHousekeeping(settings.workDir(), evidence,
        new DrillLiveness(evidence, temporal, workers, service), workers, aws);
    h.timer.scheduleWithFixedDelay(h::sweepLogged, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    log.info("sweeping {} every {}", settings.workDir(), io.drillbook.plan.DurationSyntax.describe(every));
    aws.targets().forEach(t -> log.info("sweeping expired AWS scratch resources in {} every {}", t.where(),
        io.drillbook.plan.DurationSyntax.describe(every)));
    return h;
  }

  /** One sweep; returns the IDs of the evidence streams it wrote (none when nothing was found). */
  List<String> sweepOnce() throws IOException, InterruptedException {
    List<Swept> swept = new ArrayList<>(sweeper.sweep(liveness));
    swept.addAll(aws.sweep());
    Map<String, List<Swept>> byTenant = new LinkedHashMap<>();
    for (Swept s : swept) {
      Optional<String> tenant = evidence.drill(s.drillId()).map(DrillSummary::tenant);
      if (tenant.isEmpty()) {
        log.warn("drill={} step={} {} {}: the evidence store has no such drill, so there is no tenant to record it under",
            s.drillId(), s.stepId(), s.removed() ? "reclaimed" : "could not reclaim", s.path());
        continue;
      }
      byTenant.computeIfAbsent(tenant.get(), t -> new ArrayList<>()).add(s);
    }
    List<String> streams = new ArrayList<>();
    SweepEvidence record = new SweepEvidence(evidence);
    for (Map.Entry<String, List<Swept>> e : byTenant.entrySet()) {
      try {
        streams.add(record.record(e.getKey(), workDir, e.getValue()));
      } catch (RuntimeException failed) {
        // The resources are gone already: the log is the only record left of them.
        log.error("could not record the sweep of {} in the evidence store: {}", e.getValue(), failed.toString());
      }
    }
    return streams;
  }

  private void sweepLogged() {
    try {
      List<String> streams = sweepOnce();
      if (!streams.isEmpty()) {
        log.info("sweep recorded as evidence stream(s) {}", streams);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // A thrown exception would cancel the schedule: log it, the next tick tries again.
      log.warn("sweep of {} failed, trying again at the next interval: {}", workDir, e.toString());
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
    aws.close();
    try {
      workers.close();
    } catch (IOException e) {
      log.warn("could not remove this worker's lock file: {}", e.toString());
    }
  }
}
