package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.StepState;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `drillbook dev` plus a few shells do: a drill with a manual step and an approval started from the
 * CLI, decided from the CLI by the right people, refused for the wrong ones, and its evidence verified.
 */
class ApprovalsFromTheCliTest {
  @TempDir Path home;
  @TempDir Path work;

  private DrillbookRuntime runtime;
  private TemporalConnection temporal;
  private Cli cli;

  @BeforeEach
  void startDev() {
    DrillbookSettings settings = DrillbookSettings.fromEnvironment(Map.of("DRILLBOOK_HOME", home.toString()));
    runtime = DrillbookRuntime.open(settings);
    temporal = TemporalConnection.embedded(0);
    runtime.startWorker(temporal.client());
    cli = new Cli(home).with("TEMPORAL_ADDRESS", temporal.address());
  }

  @AfterEach
  void stopDev() {
    runtime.close();
    temporal.close();
  }

  @Test
  void manualAndApprovalStepsAreDecidedByTheirRaciOwnersOnly() throws Exception {
    Path plan = Cli.plan(work, "cli-approvals.yaml", Map.of());
    Cli.Running start = cli.start("drill", "start", plan.toString(), "--follow");
    String id = awaitDrillId();
    DrillService drills = new DrillService(temporal.client());
    awaitState(drills, id, "paper", StepState.WAITING);
    awaitOutput(start, "drillbook drill complete " + id + " paper --as head-nurse");

    Cli.Result wrongPerson = cli.run("drill", "complete", id, "paper", "--as", "oncall");
    assertEquals(1, wrongPerson.code(), wrongPerson.toString());
    assertTrue(wrongPerson.err().contains("refused"), wrongPerson.toString());

    Cli.Result tooEarly = cli.run("drill", "approve", id, "sign-off", "--as", "dsi-client");
    assertEquals(1, tooEarly.code(), tooEarly.toString());

    Cli.Result done = cli.run("drill", "complete", id, "paper", "--as", "head-nurse", "--comment", "forms in use");
    assertEquals(0, done.code(), done.toString());

    awaitState(drills, id, "sign-off", StepState.WAITING);
    Cli.Result notAccountable = cli.run("drill", "approve", id, "sign-off", "--as", "oncall");
    assertEquals(1, notAccountable.code(), notAccountable.toString());
    assertTrue(notAccountable.err().contains("dsi-client"), notAccountable.toString());

    Cli.Result status = cli.run("drill", "status", id);
    assertEquals(0, status.code(), status.toString());
    assertTrue(status.out().contains("WAITING"), status.out());

    Cli.Result approved = cli.run("drill", "approve", id, "sign-off", "--as", "dsi-client", "--comment", "back to EHR");
    assertEquals(0, approved.code(), approved.toString());

    Cli.Result result = start.await(60_000);
    assertEquals(0, result.code(), result.toString());
    assertTrue(result.out().contains(": PASSED"), result.out());

    Cli.Result verify = cli.run("evidence", "verify", id);
    assertEquals(0, verify.code(), verify.toString());
    Cli.Result show = cli.run("evidence", "show", id);
    assertTrue(show.out().contains("approval.granted"), show.out());
    assertTrue(show.out().contains("manual.completed"), show.out());
  }

  @Test
  void abortFromTheCliRunsCleanupAndEndsAborted() throws Exception {
    Path plan = Cli.plan(work, "cli-approvals.yaml", Map.of());
    Cli.Running start = cli.start("drill", "start", plan.toString(), "--follow");
    String id = awaitDrillId();
    awaitState(new DrillService(temporal.client()), id, "paper", StepState.WAITING);

    Cli.Result abort = cli.run("drill", "abort", id, "--as", "msp-manager", "--reason", "exercise cancelled");
    assertEquals(0, abort.code(), abort.toString());

    Cli.Result result = start.await(60_000);
    assertEquals(3, result.code(), result.toString());
    Cli.Result show = cli.run("evidence", "show", id);
    assertTrue(show.out().contains("drill.aborted"), show.out());
  }

  private String awaitDrillId() throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<DrillSummary> drills = runtime.evidence().drills(DrillFilter.all());
      if (!drills.isEmpty()) {
        return drills.get(0).drillId();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no drill recorded within 30 s");
  }

  private static void awaitOutput(Cli.Running cli, String text) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (cli.output().contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the CLI never printed '" + text + "':\n" + cli.output());
  }

  private static void awaitState(DrillService drills, String id, String step, StepState state) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      DrillProgress p = drills.progress(id);
      if (p.steps().stream().anyMatch(s -> s.id().equals(step) && s.state() == state)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("step " + step + " never reached " + state);
  }
}
