package io.drillbook.cli;

import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceTimeline;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description = "Read and verify the hash-chained traceability log of a drill.",
    subcommands = {EvidenceCommand.Show.class, EvidenceCommand.Verify.class})
final class EvidenceCommand {

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a drill's events as a timeline, with the RACI of each step.")
  static final class Show extends CliCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "DRILL_ID") String drillId;

    @Override
    public Integer call() {
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
        List<EvidenceEvent> events = runtime.evidence().events(DrillIds.require(drillId));
        if (events.isEmpty()) {
          throw new UserError("no evidence for drill " + drillId + " in " + runtime.evidenceDescription()
              + ": check the ID with `drillbook drill list` and DRILLBOOK_HOME / DRILLBOOK_EVIDENCE_URL");
        }
        PrintWriter out = out();
        out.print(json.enabled ? EvidenceTimeline.renderJson(events) + "\n" : EvidenceTimeline.render(events));
        out.flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recompute a drill's hash chain and check its tenant anchor.",
          "Exit 0 when intact; 1 naming the first changed, removed or reordered event."})
  static final class Verify extends CliCommand {
    @Mixin JsonOption json;
    @Parameters(paramLabel = "DRILL_ID") String drillId;

    @Override
    public Integer call() {
      try (DrillbookRuntime runtime = DrillbookRuntime.open(settings())) {
        ChainVerification v = runtime.evidence().verify(DrillIds.require(drillId));
        if (v.eventsChecked() == 0 && v.intact()) {
          throw new UserError("no evidence for drill " + drillId + " in " + runtime.evidenceDescription()
              + ": check the ID with `drillbook drill list`");
        }
        PrintWriter out = out();
        if (json.enabled) {
          Json.print(out, v);
        } else {
          out.println(v.summary());
        }
        out.flush();
        return v.intact() ? ExitCodes.OK : ExitCodes.USAGE;
      }
    }
  }
}
