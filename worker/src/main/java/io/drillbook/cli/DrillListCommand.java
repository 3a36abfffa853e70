package io.drillbook.cli;

import io.drillbook.drill.Verdict;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.plan.PlanType;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List drills from the evidence store, newest first.")
final class DrillListCommand extends CliCommand {
  @Mixin JsonOption json;
  @Option(names = "--tenant") String tenant;
  @Option(names = "--plan", paramLabel = "NAME") String plan;
  @Option(names = "--type", paramLabel = "TYPE", description = "PCA, PRA, RESTORE_TEST, FAILOVER_TEST, MIGRATION, REVERSIBILITY") PlanType type;
  @Option(names = "--verdict", description = "PASSED, PASSED_WITH_OBSERVATIONS, FAILED, ABORTED") Verdict verdict;
  @Option(names = "--limit", defaultValue = "50", description = "at most this many (1-" + DrillFilter.MAX_LIMIT + ", default ${DEFAULT-VALUE})") int limit;
  @Option(names = "--offset", defaultValue = "0") int offset;

  @Override
  public Integer call() {
    if (limit < 1 || limit > DrillFilter.MAX_LIMIT || offset < 0) {
      throw new io.drillbook.runtime.UserError("--limit must be 1-" + DrillFilter.MAX_LIMIT + " and --offset >= 0");
    }
    DrillFilter filter = DrillFilter.all().withTenant(tenant).withPlan(plan).withType(type).withVerdict(verdict).page(limit, offset);
    try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
      List<DrillSummary> drills = runtime.evidence().drills(filter);
      PrintWriter out = out();
      if (json.enabled) {
        Json.print(out, drills);
        return ExitCodes.OK;
      }
      if (drills.isEmpty()) {
        out.println("no drills recorded in " + runtime.evidenceDescription() + " match");
        return ExitCodes.OK;
      }
      out.printf("%-30s %-20s %-28s %-14s %-25s %-10s %s%n", "DRILL", "STARTED (UTC)", "PLAN", "TYPE", "VERDICT", "RTO", "TENANT");
      for (DrillSummary d : drills) {
        out.printf("%-30s %-20s %-28s %-14s %-25s %-10s %s%n", d.drillId(),
            d.startedAt() == null ? "" : d.startedAt().toString().substring(0, 19).replace('T', ' '),
            d.planName(), d.planType(), d.verdict() == null ? "(running)" : d.verdict(),
            d.achievedRtoMillis() == null ? "-" : DurationFormat.precise(d.achievedRtoMillis()), d.tenant());
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
