package io.drillbook.cli;

import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.drill.DrillWorkflow;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a drillbook worker against a Temporal cluster chosen by the standard variables:",
      "TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS_* or a TEMPORAL_PROFILE from the config file.",
      "Several workers may run at once; a drill resumes on another worker if one dies. Stops on SIGTERM/Ctrl-C."
    })
final class WorkerCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    DrillbookSettings settings = DrillbookSettings.fromEnvironment(System.getenv());
    try (DrillbookRuntime runtime = DrillbookRuntime.open(settings);
        TemporalConnection temporal = TemporalConnection.external(settings.env())) {
      runtime.startWorker(temporal.client());
      PrintWriter out = spec.commandLine().getOut();
      out.println("drillbook worker polling task queue " + DrillWorkflow.TASK_QUEUE + " on " + temporal.address()
          + "; evidence store " + runtime.evidenceDescription());
      out.flush();
      DevCommand.awaitShutdown();
    }
    return 0;
  }
}
