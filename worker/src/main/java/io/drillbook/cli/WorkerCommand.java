package io.drillbook.cli;

import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.drill.DrillWorkflow;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a drillbook worker against a Temporal cluster chosen by the standard variables:",
      "TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_* or a TEMPORAL_PROFILE from the config file.",
      "Several workers may run at once; a drill resumes on another worker if one dies. Stops on SIGTERM/Ctrl-C."
    })
final class WorkerCommand extends CliCommand {

  @Override
  public Integer call() throws InterruptedException {
    DrillbookSettings settings = settings();
    try (DrillbookRuntime runtime = DrillbookRuntime.open(settings);
        TemporalConnection temporal = TemporalConnection.external(settings.env())) {
      runtime.startWorker(temporal.client());
      PrintWriter out = out();
      out.println("drillbook worker polling task queue " + DrillWorkflow.TASK_QUEUE + " on " + temporal.address()
          + "; evidence store " + runtime.evidenceDescription());
      out.flush();
      DevCommand.awaitShutdown();
    }
    return 0;
  }
}
