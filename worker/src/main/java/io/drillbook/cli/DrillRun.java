package io.drillbook.cli;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.service.DrillService;
import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a drill and stays with it until it ends: progress lines, the hints for waiting steps, the
 * outcome, and the exit code of its verdict. Shared by `drill start` and `demo`.
 */
final class DrillRun {
  private static final long POLL_MILLIS = 500;

  private final PrintWriter out;
  private final PrintWriter human;
  private final boolean follow;
  private final boolean json;

  /** {@code human}: where progress goes (stderr when stdout is reserved for {@code --json}). */
  DrillRun(PrintWriter out, PrintWriter human, boolean follow, boolean json) {
    this.out = out;
    this.human = human;
    this.follow = follow;
    this.json = json;
  }

  /** {@code embedded}: the runtime whose worker runs the drill in this process, or null for a remote one. */
  int execute(DrillService drills, DrillRequest request, String address, DrillbookRuntime embedded) throws Exception {
    drills.start(request);
    announce(request, address, embedded != null);
    CompletableFuture<DrillResult> result = drills.result(request.drillId());
    Thread abortOnInterrupt = embedded == null ? null : abortOnInterrupt(drills, request, result);
    ProgressPrinter printer = new ProgressPrinter(human, follow, request.plan(), address);
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
    if (json) {
      Json.print(out, r);
    } else {
      DrillOutcome.print(out, request, r, embedded);
    }
    return switch (r.verdict()) {
      case PASSED, PASSED_WITH_OBSERVATIONS -> ExitCodes.OK;
      case FAILED -> ExitCodes.DRILL_FAILED;
      case ABORTED -> ExitCodes.DRILL_ABORTED;
    };
  }

  void announce(DrillRequest request, String address, boolean embedded) {
    var m = request.plan().metadata();
    human.println("drill " + request.drillId() + " started: plan " + m.name() + " (" + m.type() + ", tenant " + m.tenant()
        + ") on " + (embedded ? "embedded Temporal at " : "Temporal at ") + address);
    human.flush();
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
      human.println("interrupted: aborting drill " + request.drillId() + " and running its cleanup...");
      human.flush();
      try {
        drills.abort(request.drillId(), new AbortRequest(request.actor(), "interrupted (Ctrl-C) in the CLI"));
        result.get(5, TimeUnit.MINUTES);
        human.println("drill " + request.drillId() + " aborted; cleanup ran");
      } catch (Exception e) {
        human.println("cleanup did not finish: " + e.getMessage());
      }
      human.flush();
    }, "abort-on-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static DrillResult unwrap(CompletableFuture<DrillResult> result) throws Exception {
    try {
      return result.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
