package io.drillbook.cli;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.StepDecision;
import io.drillbook.drill.StepState;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.runtime.UserError;
import io.drillbook.service.DrillService;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "drill",
    mixinStandardHelpOptions = true,
    description = "Start, follow, approve, complete, abort and list drills.",
    subcommands = {
      DrillStartCommand.class,
      DrillCommand.Status.class,
      DrillCommand.Approve.class,
      DrillCommand.Complete.class,
      DrillCommand.Abort.class,
      DrillListCommand.class
    })
final class DrillCommand {

  /** Commands that act on a drill running on a reachable Temporal service (TEMPORAL_ADDRESS). */
  abstract static class RunningDrillCommand extends CliCommand {
    @Mixin JsonOption json;

    <T> T withService(java.util.function.Function<DrillService, T> action) {
      DrillbookSettings settings = settings();
      if (settings.embeddedTemporal()) {
        throw new UserError("TEMPORAL_ADDRESS is not set, so there is no running Temporal to reach: export the address "
            + "that `drillbook dev` or `drillbook drill start` printed (e.g. TEMPORAL_ADDRESS=127.0.0.1:7233)");
      }
      try (TemporalConnection temporal = TemporalConnection.external(settings.env())) {
        return action.apply(new DrillService(temporal.client()));
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show a running or finished drill's steps.")
  static final class Status extends RunningDrillCommand {
    @Parameters(paramLabel = "DRILL_ID") String drillId;

    @Override
    public Integer call() {
      DrillProgress p = withService(s -> s.progress(DrillIds.require(drillId)));
      if (json.enabled) {
        Json.print(out(), p);
      } else {
        StatusTable.print(out(), p);
      }
      return 0;
    }
  }

  abstract static class DecisionCommand extends RunningDrillCommand {
    @Parameters(index = "0", paramLabel = "DRILL_ID") String drillId;
    @Parameters(index = "1", paramLabel = "STEP") String stepId;
    @Option(names = "--as", required = true, paramLabel = "NAME",
        description = "who decides: a name from the step's RACI (or a member of that party)") String actor;
    @Option(names = "--comment", paramLabel = "TEXT", description = "recorded with the decision") String comment;

    Integer decide(boolean approve, String verb) {
      StepState state = withService(s -> {
        try {
          return s.decide(DrillIds.require(drillId), new StepDecision(stepId, actor, approve, comment));
        } catch (UserError refused) {
          throw new UserError(refused.getMessage() + whoMayDecide(s), refused.exitCode());
        }
      });
      if (json.enabled) {
        Json.print(out(), java.util.Map.of("drillId", drillId, "stepId", stepId, "actor", actor, "state", state));
      } else {
        out().println("step " + stepId + " of " + drillId + " " + verb + " by " + actor + ": now " + state);
      }
      return 0;
    }

    /**
     * The workflow's refusal names no person (failure messages carry no client names); the CLI adds the
     * step's RACI from the progress query so the user sees who may decide.
     */
    private String whoMayDecide(DrillService drills) {
      DrillProgress progress = drills.progress(drillId);
      return progress.steps().stream().filter(s -> s.id().equals(stepId)).findFirst()
          .map(s -> "\nstep " + stepId + " is " + s.state() + "; its Accountable is " + s.raci().accountable()
              + ", its Responsible " + String.join(", ", s.raci().responsible()))
          .orElse("\nthe drill has no step " + stepId + " (see `drillbook drill status " + drillId + "`)");
    }
  }

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve (or --deny) a waiting approval step. Only the step's Accountable may decide.")
  static final class Approve extends DecisionCommand {
    @Option(names = "--deny", description = "refuse instead of approving: the step fails") boolean deny;

    @Override
    public Integer call() {
      return decide(!deny, deny ? "denied" : "approved");
    }
  }

  @Command(name = "complete", mixinStandardHelpOptions = true,
      description = "Confirm a waiting manual step is done. Only one of the step's Responsible may confirm.")
  static final class Complete extends DecisionCommand {
    @Override
    public Integer call() {
      return decide(true, "completed");
    }
  }

  @Command(name = "abort", mixinStandardHelpOptions = true,
      description = "Abort a running drill: running steps are cancelled, cleanup runs, the verdict is ABORTED.")
  static final class Abort extends RunningDrillCommand {
    @Parameters(paramLabel = "DRILL_ID") String drillId;
    @Option(names = "--as", required = true, paramLabel = "NAME", description = "who aborts (recorded in the evidence)") String actor;
    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "aborted from the CLI") String reason;

    @Override
    public Integer call() {
      withService(s -> {
        s.abort(DrillIds.require(drillId), new AbortRequest(actor, reason));
        return null;
      });
      out().println("drill " + drillId + " aborting: cleanup is running; follow with `drillbook drill status " + drillId + "`");
      return 0;
    }
  }
}
