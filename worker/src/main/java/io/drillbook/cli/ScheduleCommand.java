package io.drillbook.cli;

import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.runtime.UserError;
import io.drillbook.schedule.FireRecord;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ScheduleService;
import io.drillbook.service.ScheduleView;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
      "Put plans on a calendar: each schedule drills one plan on a cron, in a time zone, on a running Temporal",
      "(`drillbook dev`, or a worker on your cluster). See docs/schedules.md."
    },
    subcommands = {
      ScheduleCreateCommand.class,
      ScheduleListCommand.class,
      ScheduleCommand.Show.class,
      ScheduleCommand.Pause.class,
      ScheduleCommand.Resume.class,
      ScheduleCommand.Trigger.class,
      ScheduleCommand.ChangeCron.class,
      ScheduleCommand.Delete.class
    })
final class ScheduleCommand {

  /**
   * Commands that need the schedules' Temporal (TEMPORAL_ADDRESS) and the evidence store their worker
   * writes to (where schedules are listed from).
   */
  abstract static class ScheduleServiceCommand extends CliCommand {

    <T> T withService(Function<ScheduleService, T> action) {
      DrillbookSettings settings = settings();
      if (settings.embeddedTemporal()) {
        throw new UserError("schedules live on a Temporal service that keeps running, and TEMPORAL_ADDRESS is not set:"
            + " start `drillbook dev` in another shell and export the address it prints"
            + " (e.g. TEMPORAL_ADDRESS=127.0.0.1:7233), or point TEMPORAL_ADDRESS at the cluster your workers use");
      }
      try (TemporalConnection temporal = TemporalConnection.external(settings.env());
          DrillbookRuntime runtime = DrillbookRuntime.open(settings)) {
        return action.apply(new ScheduleService(temporal.client(), runtime.evidence()));
      }
    }
  }

  /** A change made by someone, named with --as and recorded in the schedule's evidence stream. */
  abstract static class ScheduleChangeCommand extends ScheduleServiceCommand {
    @Parameters(paramLabel = "SCHEDULE_ID") String scheduleId;
    @Option(names = "--as", required = true, paramLabel = "NAME",
        description = "who makes the change (recorded in the schedule's evidence)") String actor;
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a schedule: plan, cron, next fire, last verdict, overdue, retest, and its last 20 fires.")
  static final class Show extends ScheduleServiceCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "SCHEDULE_ID") String scheduleId;

    @Override
    public Integer call() {
      ScheduleView view = withService(s -> s.view(DrillIds.requireSchedule(scheduleId)));
      if (json.enabled) {
        Json.print(out(), view);
      } else {
        ScheduleText.details(out(), view);
        out().flush();
      }
      return 0;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true,
      description = "Pause a schedule: no drill starts until it is resumed; a running drill goes on, a queued fire is dropped.")
  static final class Pause extends ScheduleChangeCommand {
    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "why (recorded in the evidence), e.g. \"change freeze\"") String reason;

    @Override
    public Integer call() {
      withService(s -> s.pause(DrillIds.requireSchedule(scheduleId), actor, reason));
      out().println("schedule " + scheduleId + " paused by " + actor + ": no drill starts until"
          + " `drillbook schedule resume " + scheduleId + " --as NAME`");
      return 0;
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Resume a paused schedule from its next cron time (missed fires are not caught up; a due retest fires at once).")
  static final class Resume extends ScheduleChangeCommand {
    @Override
    public Integer call() {
      ScheduleState state = withService(s -> s.resume(DrillIds.requireSchedule(scheduleId), actor));
      out().println("schedule " + scheduleId + " resumed by " + actor + "; next fire "
          + ScheduleText.nextFire(state));
      return 0;
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = {"Start a drill of the schedule's plan now (trigger TRIGGER, recorded with who asked).",
          "Under overlap QUEUE it waits for a running drill; refused while paused, or while a drill runs under SKIP."})
  static final class Trigger extends ScheduleChangeCommand {
    @Override
    public Integer call() {
      FireRecord fire = withService(s -> s.trigger(DrillIds.requireSchedule(scheduleId), actor));
      switch (fire.outcome()) {
        case STARTED -> out().println("schedule " + scheduleId + " started drill " + fire.drillId() + " for " + actor
            + ": follow it with `drillbook drill status " + fire.drillId() + "`");
        case QUEUED -> out().println("schedule " + scheduleId + " queued a drill for " + actor + " " + fire.note()
            + ": it starts when that drill ends");
        case SKIPPED, NOT_STARTED -> throw new UserError("schedule " + scheduleId + " started no drill: " + fire.note()
            + " (see `drillbook schedule show " + scheduleId + "`)");
      }
      return 0;
    }
  }

  @Command(name = "change-cron", mixinStandardHelpOptions = true,
      description = {"Fire on another cron (and time zone) from now on: the next fire is recomputed, the plan stays the",
          "one frozen at creation. Recorded as schedule.cron-changed with the old and new cron."})
  static final class ChangeCron extends ScheduleChangeCommand {
    @Option(names = "--cron", required = true, paramLabel = "EXPR",
        description = "UNIX cron, 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 3 1 * *\"") String cron;

    @Option(names = "--timezone", paramLabel = "ZONE",
        description = "IANA zone the cron is read in, e.g. Europe/Paris (default: the schedule's current zone)") String timezone;

    @Override
    public Integer call() {
      String id = DrillIds.requireSchedule(scheduleId);
      ScheduleState state = withService(s -> s.changeCron(id, actor, cron, timezone));
      out().println("schedule " + scheduleId + " now fires on '" + state.cron() + "' in " + state.timezone()
          + " (changed by " + actor + "); next fire " + ScheduleText.nextFire(state));
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a schedule: no more fires; a running drill goes on to its end. Its evidence stays, sealed.")
  static final class Delete extends ScheduleChangeCommand {
    @Override
    public Integer call() {
      withService(s -> {
        s.delete(DrillIds.requireSchedule(scheduleId), actor);
        return null;
      });
      out().println("schedule " + scheduleId + " deleted by " + actor + "; its evidence stays:"
          + " `drillbook evidence verify " + scheduleId + "`");
      return 0;
    }
  }
}
