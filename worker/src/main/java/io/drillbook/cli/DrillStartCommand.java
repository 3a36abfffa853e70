package io.drillbook.cli;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillRequest;
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
      try (TemporalConnection temporal = TemporalConnection.embedded(0);
          DrillbookRuntime runtime = DrillbookRuntime.open(settings)) {
        runtime.startWorker(temporal.client());
        return run(new DrillService(temporal.client()), request, temporal.address(), runtime);
      }
    }
    try (TemporalConnection temporal = TemporalConnection.external(settings.env())) {
      DrillService drills = new DrillService(temporal.client());
      if (!follow) {
        drills.start(request);
        new DrillRun(out(), human(), false, json.enabled).announce(request, temporal.address(), false);
        if (json.enabled) {
          Json.print(out(), java.util.Map.of("drillId", request.drillId(), "state", "STARTED"));
        }
        return ExitCodes.OK;
      }
      return run(drills, request, temporal.address(), null);
    }
  }

  private int run(DrillService drills, DrillRequest request, String address, DrillbookRuntime embedded) throws Exception {
    return new DrillRun(out(), human(), follow, json.enabled).execute(drills, request, address, embedded);
  }

  /** Progress and announcements go to stderr when stdout is reserved for --json. */
  private PrintWriter human() {
    return json.enabled ? err() : out();
  }
}
