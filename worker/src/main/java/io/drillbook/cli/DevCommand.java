package io.drillbook.cli;

import io.drillbook.api.ApiServer;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.StopOnSignal;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run drillbook on this machine: an embedded Temporal server on a port, a worker, the evidence store and",
      "the HTTP API (docs/api.md).",
      "Other shells reach it with TEMPORAL_ADDRESS (printed at start). Stops on Ctrl-C or SIGTERM (exit 0) within",
      "15 s; a second Ctrl-C exits at once."
    })
final class DevCommand extends CliCommand {

  @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "7233",
      description = "port of the embedded Temporal server (default: ${DEFAULT-VALUE})")
  int temporalPort;

  @Option(names = "--http", paramLabel = "PORT", defaultValue = "8080",
      description = "port of the HTTP API, on 127.0.0.1 (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Override
  public Integer call() throws InterruptedException {
    DrillbookSettings settings = settings();
    PrometheusMeterRegistry metrics = DrillbookRuntime.newMetricsRegistry();
    // Closed in reverse: the API, then the worker (while Temporal still answers it), then Temporal, and last
    // the signal handling, so that a second Ctrl-C cuts any of these short.
    try (StopOnSignal stop = StopOnSignal.install(out(), "the worker's running tasks, then the embedded Temporal server");
        TemporalConnection temporal = TemporalConnection.embedded(temporalPort, metrics);
        DrillbookRuntime runtime = DrillbookRuntime.open(settings, metrics);
        // Local development: the API listens on the loopback interface only.
        ApiServer api = ApiServer.start(runtime, new DrillService(temporal.client()), "127.0.0.1", httpPort)) {
      runtime.startWorker(temporal.client());
      PrintWriter out = out();
      out.println("drillbook dev is running");
      out.println("  Temporal (embedded test server): " + temporal.address());
      out.println("  HTTP API:                        " + api.address() + " (docs/api.md)");
      out.println("  client portal:                   " + api.portalAddress() + " (docs/portal.md)");
      out.println("  metrics (Prometheus):            http://127.0.0.1:" + api.port() + "/metrics (docs/metrics.md)");
      out.println("  evidence store:                  " + runtime.evidenceDescription());
      out.println("  work directory:                  " + settings.workDir());
      out.println("  logs:                            " + settings.logDir().resolve("drillbook.log"));
      out.println("In another shell:");
      out.println("  export TEMPORAL_ADDRESS=" + temporal.address());
      out.println("  drillbook drill start examples/plans/approvals-demo.yaml --follow");
      out.println("  TOKEN=$(drillbook token create --name oncall --role msp-operator)");
      out.println("  curl -H \"Authorization: Bearer $TOKEN\" " + api.address() + "/drills");
      out.println("Press Ctrl-C to stop.");
      out.flush();
      stop.await();
    }
    return ExitCodes.OK;
  }
}
