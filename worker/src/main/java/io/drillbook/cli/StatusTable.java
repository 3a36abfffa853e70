package io.drillbook.cli;

import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.StepProgress;
import java.io.PrintWriter;
import java.time.Instant;

/** {@code drill status} as a table: one row per step with state, times and RACI. */
final class StatusTable {
  private StatusTable() {}

  static void print(PrintWriter out, DrillProgress p) {
    out.printf("drill %s  plan %s  tenant %s  %s%n", p.drillId(), p.planName(), p.tenant(),
        p.verdict() == null ? "RUNNING (" + p.done() + "/" + p.total() + " steps done)" : "verdict " + p.verdict());
    out.printf("started %s  elapsed %s%s%n", Instant.ofEpochMilli(p.startedAt()), DurationFormat.clock(p.now() - p.startedAt()),
        p.rtoTargetMillis() == null ? "" : "  RTO target " + DurationFormat.target(java.time.Duration.ofMillis(p.rtoTargetMillis())));
    out.printf("%-24s %-9s %-10s %-10s %-20s %-20s%n", "STEP", "ACTION", "STATE", "DURATION", "RESPONSIBLE", "ACCOUNTABLE");
    for (StepProgress s : p.steps()) {
      String duration = s.startedAt() == 0 ? "" : DurationFormat.precise((s.endedAt() == 0 ? p.now() : s.endedAt()) - s.startedAt());
      out.printf("%-24s %-9s %-10s %-10s %-20s %-20s%n", (s.cleanup() ? "(cleanup) " : "") + s.id(), s.action(), s.state(),
          duration, String.join(",", s.raci().responsible()), s.raci().accountable());
      if (s.error() != null) {
        out.println("    reason: " + s.error());
      }
    }
  }
}
