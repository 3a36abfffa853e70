package io.drillbook.cli;

import io.drillbook.api.ApiServer;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.StopOnSignal;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import io.drillbook.drill.DrillWorkflow;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a drillbook worker against a Temporal cluster chosen by the standard variables:",
      "TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_* or a TEMPORAL_PROFILE from the config file.",
      "Several workers may run at once; a drill resumes on another worker if one dies.",
      "Stops on SIGTERM or Ctrl-C (exit 0) within 15 s; a second one exits at once."
    })
final class WorkerCommand extends CliCommand {

  @Option(names = "--http", paramLabel = "PORT",
      description = "also serve the HTTP API (docs/api.md) on this port, on every interface (default: off)")
  Integer httpPort;

  @Override
  public Integer call() throws InterruptedException {
    DrillbookSettings settings = settings();
    PrometheusMeterRegistry metrics = DrillbookRuntime.newMetricsRegistry();
    try (StopOnSignal stop = StopOnSignal.install(out(), "the worker's running tasks");
        TemporalConnection temporal = TemporalConnection.external(settings.env(), metrics);
        DrillbookRuntime runtime = DrillbookRuntime.open(settings, metrics);
        ApiServer api = httpPort == null ? null
            : ApiServer.start(runtime, new DrillService(temporal.client()), "0.0.0.0", httpPort)) {
      runtime.startWorker(temporal.client());
      PrintWriter out = out();
      out.println("drillbook worker polling task queue " + DrillWorkflow.TASK_QUEUE + " on " + temporal.address()
          + "; evidence store " + runtime.evidenceDescription());
      if (api != null) {
        out.println("HTTP API on " + api.address() + " (every interface), client portal on " + api.portalAddress());
      }
      out.flush();
      stop.await();
    }
    return ExitCodes.OK;
  }
}
