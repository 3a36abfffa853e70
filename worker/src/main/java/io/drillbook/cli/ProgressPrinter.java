package io.drillbook.cli;

import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.StepProgress;
import io.drillbook.drill.StepState;
import io.drillbook.plan.Plan;
import io.drillbook.plan.Raci;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints a drill's progress as it changes: one line per step transition (with {@code --follow}), and always
 * the line that tells a person how to decide a waiting approval or manual step, since the drill cannot end
 * without it.
 */
final class ProgressPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final boolean follow;
  private final Plan plan;
  private final String temporalHint;
  private final Map<String, StepState> seen = new HashMap<>();

  /** {@code temporalHint}: the TEMPORAL_ADDRESS another shell must export to reach this drill, or null. */
  ProgressPrinter(PrintWriter out, boolean follow, Plan plan, String temporalHint) {
    this.out = out;
    this.follow = follow;
    this.plan = plan;
    this.temporalHint = temporalHint;
  }

  void update(DrillProgress p) {
    for (StepProgress s : p.steps()) {
      StepState before = seen.put(s.id(), s.state());
      if (before == s.state()) {
        continue;
      }
      if (s.state() == StepState.WAITING) {
        out.println(line(p, s) + waitingHint(p.drillId(), s));
      } else if (follow && s.state() != StepState.PENDING) {
        out.println(line(p, s) + detail(s));
      }
    }
    out.flush();
  }

  private String line(DrillProgress p, StepProgress s) {
    String rto = p.rtoTargetMillis() == null ? "" : " / RTO " + DurationFormat.target(java.time.Duration.ofMillis(p.rtoTargetMillis()));
    return String.format("[%s] %-8s %-24s %-10s (%d/%d done, elapsed %s%s)",
        TIME.format(Instant.ofEpochMilli(p.now())),
        s.cleanup() ? "cleanup" : "step", s.id(), s.state(), p.done(), p.total(),
        DurationFormat.clock(p.now() - p.startedAt()), rto);
  }

  private static String detail(StepProgress s) {
    if (s.state() == StepState.FAILED || s.state() == StepState.SKIPPED) {
      return s.error() == null ? "" : "\n      reason: " + s.error();
    }
    if (s.state().isFinal() && s.startedAt() > 0 && s.endedAt() > 0) {
      return " took " + DurationFormat.precise(s.endedAt() - s.startedAt());
    }
    return "";
  }

  private String waitingHint(String drillId, StepProgress s) {
    Raci raci = s.raci();
    boolean approval = "approval".equals(s.action());
    String who = approval ? "the Accountable (" + raci.accountable() + ")" : "a Responsible (" + String.join(", ", raci.responsible()) + ")";
    String as = approval ? raci.accountable() : raci.responsible().get(0);
    String verb = approval ? "approve" : "complete";
    String env = temporalHint == null ? "" : "TEMPORAL_ADDRESS=" + temporalHint + " ";
    String instructions = approval ? "" : instructions(s.id());
    return "\n      waiting for " + who + " to " + (approval ? "approve or deny" : "confirm it is done") + instructions
        + "\n      run: " + env + "drillbook drill " + verb + " " + drillId + " " + s.id() + " --as " + as
        + (approval ? "   (add --deny to refuse)" : "");
  }

  private String instructions(String stepId) {
    return plan.step(stepId).map(st -> st.with().get("instructions")).map(i -> ":\n      " + i).orElse("");
  }
}
