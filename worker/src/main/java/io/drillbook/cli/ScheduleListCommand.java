package io.drillbook.cli;

import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ScheduleView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the schedules that are not deleted, oldest first, one line each: next fire in the schedule's",
        "zone and in UTC, the last drill's verdict, and what needs attention (OVERDUE, PAUSED, a running drill)."})
final class ScheduleListCommand extends ScheduleCommand.ScheduleServiceCommand {
  private static final List<String> HEADER = List.of("SCHEDULE", "TENANT", "PLAN", "CRON", "ZONE", "NEXT FIRE (LOCAL)",
      "NEXT FIRE (UTC)", "LAST VERDICT", "FLAGS");

  @Mixin JsonOption json;
  @Option(names = "--tenant", paramLabel = "T", description = "only this tenant's schedules") String tenant;
  @Option(names = "--overdue", description = "only the overdue ones") boolean overdueOnly;

  @Override
  public Integer call() {
    List<ScheduleView> schedules = withService(s -> s.list(tenant)).stream()
        .filter(v -> !overdueOnly || (v.live() != null && v.live().overdue()))
        .toList();
    PrintWriter out = out();
    if (json.enabled) {
      Json.print(out, schedules);
      return 0;
    }
    if (schedules.isEmpty()) {
      out.println(overdueOnly ? "no schedule is overdue" : "no schedules: create one with `drillbook schedule create PLAN`");
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    schedules.forEach(v -> rows.add(row(v)));
    TextTable.print(out, "", rows);
    legend(out, schedules);
    out.flush();
    return 0;
  }

  private static List<String> row(ScheduleView v) {
    ScheduleSummary r = v.recorded();
    ScheduleState s = v.live();
    if (s == null) {
      return List.of(r.scheduleId(), r.tenant(), r.planName(), r.cron(), r.timezone(), "-", "-", "-",
          String.join(" ", ScheduleText.flags(v)));
    }
    boolean fires = !s.paused() && s.nextFireAtMillis() != null;
    return List.of(r.scheduleId(), r.tenant(), r.planName(), s.cron(), s.timezone(),
        fires ? ScheduleText.local(s.nextFireAtMillis(), s.timezone()) : "-",
        fires ? ScheduleText.utc(s.nextFireAtMillis()) : "-",
        s.lastVerdict() == null ? "-" : s.lastVerdict().name(),
        String.join(" ", ScheduleText.flags(v)));
  }

  /** Says what the flags that appear mean and what to do about them. */
  private static void legend(PrintWriter out, List<ScheduleView> schedules) {
    List<String> flags = schedules.stream().flatMap(v -> ScheduleText.flags(v).stream()).toList();
    if (flags.contains("OVERDUE")) {
      out.println("OVERDUE: no drill of the plan passed within its cron interval plus the grace period (5 days):"
          + " see `drillbook schedule show ID`, trigger a drill with `drillbook schedule trigger ID --as NAME`");
    }
    if (flags.contains(ScheduleText.GONE)) {
      out.println(ScheduleText.GONE + ": the schedule is in the evidence store but not on this Temporal service (the"
          + " embedded server of `drillbook dev` forgets its workflows when it stops); nothing fires:"
          + " `drillbook schedule delete ID --as NAME`, then create it again");
    }
  }
}
