package io.drillbook.cli;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.Trigger;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Validate PLAN and run it as a drill.",
      "Without TEMPORAL_ADDRESS the drill runs on an embedded Temporal server in this process and the command",
      "returns when it ends. With TEMPORAL_ADDRESS it is started on that service (a `drillbook dev` or",
      "`drillbook worker` must be running) and the command returns at once unless --follow is given."
    })
final class DrillStartCommand extends CliCommand {
  private static final long POLL_MILLIS = 500;

  @Mixin JsonOption json;

  @Parameters(paramLabel = "PLAN", description = "the plan YAML file") Path planFile;

  @Option(names = "--follow", description = "show live progress: each step's state, steps done/total, elapsed vs RTO")
  boolean follow;

  @Option(names = "--as", paramLabel = "NAME", description = "who starts the drill (recorded in the evidence; default: your user name)")
  String actor = System.getProperty("user.name");

  @Override
  public Integer call() throws Exception {
    LoadedPlan loaded = PlanFiles.loadValid(planFile, BuiltInProviders.registry(), err());
    DrillRequest request = new DrillRequest(DrillId.newId(), loaded.plan(), loaded.sha256(), loaded.file(), Trigger.MANUAL, actor);
    DrillbookSettings settings = settings();
    if (settings.embeddedTemporal()) {
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings);
          TemporalConnection temporal = TemporalConnection.embedded(0)) {
        runtime.startWorker(temporal.client());
        return run(new DrillService(temporal.client()), request, temporal.address(), runtime);
      }
    }
    try (TemporalConnection temporal = TemporalConnection.external(settings.env())) {
      DrillService drills = new DrillService(temporal.client());
      if (!follow) {
        drills.start(request);
        announce(request, temporal.address(), false);
        if (json.enabled) {
          Json.print(out(), java.util.Map.of("drillId", request.drillId(), "state", "STARTED"));
        }
        return ExitCodes.OK;
      }
      return run(drills, request, temporal.address(), null);
    }
  }

  private int run(DrillService drills, DrillRequest request, String address, DrillbookRuntime embedded) throws Exception {
    drills.start(request);
    announce(request, address, embedded != null);
    CompletableFuture<DrillResult> result = drills.result(request.drillId());
    Thread abortOnInterrupt = embedded == null ? null : abortOnInterrupt(drills, request, result);
    ProgressPrinter printer = new ProgressPrinter(human(), follow, request.plan(), address);
    while (!result.isDone()) {
      printer.update(drills.progress(request.drillId()));
      try {
        result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        // poll again
      }
    }
    printer.update(drills.progress(request.drillId()));
    if (abortOnInterrupt != null) {
      Runtime.getRuntime().removeShutdownHook(abortOnInterrupt);
    }
    DrillResult r = unwrap(result);
    if (json.enabled) {
      Json.print(out(), r);
    } else {
      DrillOutcome.print(out(), request, r, embedded);
    }
    return switch (r.verdict()) {
      case PASSED, PASSED_WITH_OBSERVATIONS -> ExitCodes.OK;
      case FAILED -> ExitCodes.DRILL_FAILED;
      case ABORTED -> ExitCodes.DRILL_ABORTED;
    };
  }

  /**
   * Ctrl-C while an embedded drill runs would kill the only worker and leave scratch resources behind:
   * abort the drill instead and wait for its cleanup before the process ends.
   */
  private Thread abortOnInterrupt(DrillService drills, DrillRequest request, CompletableFuture<DrillResult> result) {
    Thread hook = new Thread(() -> {
      if (result.isDone()) {
        return;
      }
      human().println("interrupted: aborting drill " + request.drillId() + " and running its cleanup...");
      try {
        drills.abort(request.drillId(), new AbortRequest(actor, "interrupted (Ctrl-C) in the CLI"));
        result.get(5, TimeUnit.MINUTES);
      } catch (Exception e) {
        human().println("cleanup did not finish: " + e.getMessage());
      }
    }, "abort-on-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private void announce(DrillRequest request, String address, boolean embedded) {
    var m = request.plan().metadata();
    human().println("drill " + request.drillId() + " started: plan " + m.name() + " (" + m.type() + ", tenant " + m.tenant()
        + ") on " + (embedded ? "embedded Temporal at " : "Temporal at ") + address);
  }

  private static DrillResult unwrap(CompletableFuture<DrillResult> result) throws Exception {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }

  /** Progress and announcements go to stderr when stdout is reserved for --json. */
  private PrintWriter human() {
    return json.enabled ? err() : out();
  }
}
