package io.drillbook.cli;

import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.plan.Objectives;
import io.drillbook.runtime.DrillbookRuntime;
import java.io.PrintWriter;
import java.time.Duration;

/** The end of `drill start`: verdict, achieved RTO/RPO against the objectives, observations, evidence. */
final class DrillOutcome {
  private DrillOutcome() {}

  /** {@code runtime}: the embedded runtime whose evidence store can be verified here, or null. */
  static void print(PrintWriter out, DrillRequest request, DrillResult r, DrillbookRuntime runtime) {
    Objectives o = request.plan().objectives() == null ? Objectives.NONE : request.plan().objectives();
    out.println();
    out.println("drill " + r.drillId() + ": " + r.verdict());
    out.println("  plan     " + request.plan().metadata().name() + " (" + request.plan().metadata().type() + "), tenant "
        + request.tenant() + ", plan sha256 " + request.planSha256().substring(0, 12));
    out.println("  RTO      " + objective(r.achievedRtoMillis(), r.rtoMeasuredBy(), o.rto()));
    out.println("  RPO      " + objective(r.achievedRpoMillis(), r.rpoMeasuredBy(), o.rpo()));
    if (r.failureReason() != null) {
      out.println("  reason   " + r.failureReason());
    }
    for (String obs : r.observations()) {
      out.println("  observed " + obs);
    }
    if (runtime != null) {
      ChainVerification v = runtime.evidence().verify(r.drillId());
      out.println("  evidence " + v.summary());
      out.println("           in " + runtime.evidenceDescription());
    } else {
      out.println("  evidence " + r.lastSeq() + " events, chain head " + shortHash(r.lastHash()));
    }
    out.println("  next     drillbook evidence show " + r.drillId() + "   |   drillbook evidence verify " + r.drillId());
    out.flush();
  }

  private static String objective(Long achieved, String measuredBy, Duration target) {
    String t = target == null ? "no target" : "target " + DurationFormat.target(target);
    if (achieved == null) {
      return "not measured (" + t + ")";
    }
    String verdict = target == null ? "" : achieved <= target.toMillis() ? "  within target" : "  ABOVE TARGET";
    return DurationFormat.precise(achieved) + " (" + measuredBy + "), " + t + verdict;
  }

  private static String shortHash(String h) {
    return h == null ? "-" : h.substring(0, Math.min(12, h.length()));
  }
}
