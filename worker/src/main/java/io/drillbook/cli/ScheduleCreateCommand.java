package io.drillbook.cli;

import io.drillbook.plan.DurationSyntax;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.provider.BuiltInProviders;
import io.drillbook.runtime.UserError;
import io.drillbook.schedule.OverlapPolicy;
import io.drillbook.schedule.ScheduleId;
import io.drillbook.schedule.ScheduleSpec;
import io.drillbook.service.ScheduleService;
import io.drillbook.service.ScheduleView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Validate PLAN and put it on a calendar: a drill of the plan, as it is now, starts at each cron fire.",
      "Cron and time zone come from the plan's metadata.schedule and metadata.timezone unless given here.",
      "Prints the schedule ID and its next fire. An edited plan needs a new schedule (delete, then create)."
    })
final class ScheduleCreateCommand extends ScheduleCommand.ScheduleServiceCommand {
  @Mixin JsonOption json;

  @Parameters(paramLabel = "PLAN", description = "the plan YAML file") Path planFile;

  @Option(names = "--cron", paramLabel = "EXPR",
      description = "UNIX cron, 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 3 1 * *\"; default: the plan's metadata.schedule")
  String cron;

  @Option(names = "--timezone", paramLabel = "ZONE",
      description = "IANA zone the cron is read in, e.g. Europe/Paris; default: the plan's metadata.timezone, else UTC")
  String timezone;

  @Option(names = "--overlap", paramLabel = "skip|queue", defaultValue = "skip",
      description = "a fire while the previous drill runs: skip it, or queue it (at most one) (default: ${DEFAULT-VALUE})")
  OverlapPolicy overlap;

  @Option(names = "--jitter", paramLabel = "DURATION", defaultValue = "0s",
      description = "each cron fire waits a random time up to this, at most 60m, e.g. 5m (default: ${DEFAULT-VALUE})")
  String jitter;

  @Option(names = "--retest-after", paramLabel = "DURATION", defaultValue = "1d",
      description = "after a FAILED drill, retest this long after it ended unless the cron fires first (default: ${DEFAULT-VALUE})")
  String retestAfter;

  @Option(names = "--as", paramLabel = "NAME", description = "who creates the schedule (recorded in its evidence; default: your user name)")
  String actor = System.getProperty("user.name");

  @Override
  public Integer call() {
    LoadedPlan loaded = PlanFiles.loadValid(planFile, BuiltInProviders.registry(), err());
    ScheduleSpec planned = ScheduleSpec.forPlan(ScheduleId.newId(), loaded.plan(), loaded.sha256(), loaded.file(), actor);
    String chosenCron = cron != null ? cron : planned.cron();
    if (chosenCron == null) {
      throw new UserError(loaded.file() + " has no schedule and no --cron was given: add one under metadata, e.g."
          + " `schedule: \"0 3 1 * *\"` with `timezone: Europe/Paris`, or pass --cron \"0 3 1 * *\"");
    }
    ScheduleSpec spec = planned
        .withCron(chosenCron, timezone != null ? timezone : planned.timezone())
        .withOverlap(overlap)
        .withJitter(duration("--jitter", jitter))
        .withRetest(duration("--retest-after", retestAfter), planned.retestWindow());
    ScheduleService.requireValid(spec);
    ScheduleView view = withService(s -> s.create(spec));
    if (json.enabled) {
      Json.print(out(), view);
      return 0;
    }
    PrintWriter out = out();
    out.println("schedule " + view.recorded().scheduleId() + " created by " + actor + ": plan " + view.recorded().planName()
        + " (" + view.recorded().planType() + ", tenant " + view.recorded().tenant() + "), cron '" + spec.cron() + "' in "
        + spec.timezone() + ", overlap " + spec.overlap()
        + (spec.jitter().isZero() ? "" : ", jitter up to " + DurationSyntax.describe(spec.jitter())));
    out.println("  next fire " + ScheduleText.nextFire(view.live()));
    out.println("  see it    drillbook schedule show " + view.recorded().scheduleId() + "   |   drillbook schedule list");
    out.flush();
    return 0;
  }

  private static Duration duration(String option, String text) {
    return DurationSyntax.parse(text).orElseThrow(() ->
        new UserError(option + " '" + text + "' is not a duration: " + DurationSyntax.HINT));
  }
}
