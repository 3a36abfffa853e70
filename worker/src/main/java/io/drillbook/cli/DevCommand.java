package io.drillbook.cli;

import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run drillbook on this machine: an embedded Temporal server on a port, a worker, and the evidence store.",
      "Other shells reach it with TEMPORAL_ADDRESS (printed at start). Stops on Ctrl-C."
    })
final class DevCommand extends CliCommand {

  @Option(names = "--temporal-port", paramLabel = "PORT", defaultValue = "7233",
      description = "port of the embedded Temporal server (default: ${DEFAULT-VALUE})")
  int temporalPort;

  @Override
  public Integer call() throws InterruptedException {
    DrillbookSettings settings = settings();
    try (DrillbookRuntime runtime = DrillbookRuntime.open(settings);
        TemporalConnection temporal = TemporalConnection.embedded(temporalPort)) {
      runtime.startWorker(temporal.client());
      PrintWriter out = out();
      out.println("drillbook dev is running");
      out.println("  Temporal (embedded test server): " + temporal.address());
      out.println("  evidence store:                  " + runtime.evidenceDescription());
      out.println("  work directory:                  " + settings.workDir());
      out.println("  logs:                            " + settings.logDir().resolve("drillbook.log"));
      out.println("In another shell:");
      out.println("  export TEMPORAL_ADDRESS=" + temporal.address());
      out.println("  drillbook drill start examples/plans/approvals-demo.yaml --follow");
      out.println("Press Ctrl-C to stop.");
      out.flush();
      awaitShutdown();
    }
    return 0;
  }

  /** Blocks until the JVM is asked to stop; the try-with-resources above then closes worker and server. */
  static void awaitShutdown() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        main.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "drillbook-stop"));
    stop.await();
  }
}
