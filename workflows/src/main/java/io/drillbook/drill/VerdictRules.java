package io.drillbook.drill;

import io.drillbook.plan.DurationSyntax;

import io.drillbook.plan.Objectives;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a finished drill is judged: the achieved RTO and RPO and how each was measured, and the verdict. Pure,
 * so the rules are tested without a workflow and read in one place.
 */
final class VerdictRules {

  /** A measurement and how it was obtained; both null when nothing measured it. */
  record Measured(Long millis, String measuredBy) {
    static final Measured NONE = new Measured(null, null);
  }

  record Judgement(Verdict verdict, Measured rto, Measured rpo, String failureReason) {}

  static final String SPAN = "restore-to-verified span";

  /** Steps after which the service is back (on a copy or a standby): the start of the RTO span. */
  private static final Set<String> RECOVERY_ACTIONS = Set.of("restore", "failover", "import");

  private VerdictRules() {}

  /**
   * @param steps the main steps (cleanup is not part of the recovery)
   * @param abortReason non-null when a person aborted or the workflow was cancelled
   * @param stepFailure non-null when a step whose {@code onFailure} is {@code abort} failed
   */
  static Judgement judge(
      List<StepProgress> steps, Objectives objectives, String abortReason, String stepFailure,
      List<String> observations) {
    Measured rto = achievedRto(steps);
    Measured rpo = achievedRpo(steps);
    if (abortReason != null) {
      return new Judgement(Verdict.ABORTED, rto, rpo, abortReason);
    }
    List<String> failures = new ArrayList<>();
    if (stepFailure != null) {
      failures.add(stepFailure);
    }
    exceeded("RTO", rto, objectives.rto(), failures);
    exceeded("RPO", rpo, objectives.rpo(), failures);
    if (!failures.isEmpty()) {
      return new Judgement(Verdict.FAILED, rto, rpo, String.join("; ", failures));
    }
    Verdict verdict = observations.isEmpty() ? Verdict.PASSED : Verdict.PASSED_WITH_OBSERVATIONS;
    return new Judgement(verdict, rto, rpo, null);
  }

  /**
   * The longer of two measurements, so the worst recovery in the drill is the one judged against the
   * objective: the largest {@code rtoMillis} a step reported (a failover canary measures its own), and the
   * span from the start of the first recovery step to the end of the last verify step that started after it
   * (how long getting the data back and checking it took). Not measured when neither exists.
   */
  static Measured achievedRto(List<StepProgress> steps) {
    Measured reported = largestReported(steps, "rtoMillis", "rtoMeasuredBy");
    Measured span = recoverySpan(steps);
    if (reported == null) {
      return span;
    }
    return span.millis() != null && span.millis() > reported.millis() ? span : reported;
  }

  private static Measured recoverySpan(List<StepProgress> steps) {
    List<StepProgress> done = steps.stream()
        .filter(s -> !s.cleanup() && s.state() == StepState.SUCCEEDED)
        .toList();
    long recoveryStart = done.stream()
        .filter(s -> RECOVERY_ACTIONS.contains(s.action()))
        .mapToLong(StepProgress::startedAt)
        .min()
        .orElse(-1);
    if (recoveryStart < 0) {
      return Measured.NONE;
    }
    long verifiedAt = done.stream()
        .filter(s -> s.action().equals("verify") && s.startedAt() >= recoveryStart)
        .mapToLong(StepProgress::endedAt)
        .max()
        .orElse(-1);
    return verifiedAt < 0 ? Measured.NONE : new Measured(verifiedAt - recoveryStart, SPAN);
  }

  /** The largest {@code rpoMillis} a step reported; the workflow cannot see data loss by itself. */
  static Measured achievedRpo(List<StepProgress> steps) {
    Measured reported = largestReported(steps, "rpoMillis", "rpoMeasuredBy");
    return reported != null ? reported : Measured.NONE;
  }

  private static Measured largestReported(List<StepProgress> steps, String key, String methodKey) {
    StepProgress best = null;
    long max = Long.MIN_VALUE;
    for (StepProgress s : steps) {
      if (s.cleanup() || s.outputs() == null || !(s.outputs().get(key) instanceof Number n)) {
        continue;
      }
      if (n.longValue() > max) {
        max = n.longValue();
        best = s;
      }
    }
    if (best == null) {
      return null;
    }
    Object method = best.outputs().get(methodKey);
    String how = method == null ? "provider" : method.toString();
    return new Measured(max, how + " (step " + best.id() + ")");
  }

  private static void exceeded(String what, Measured achieved, Duration objective, List<String> failures) {
    if (achieved.millis() == null || objective == null || achieved.millis() <= objective.toMillis()) {
      return;
    }
    failures.add("achieved " + what + " " + DurationSyntax.describe(Duration.ofMillis(achieved.millis()))
        + " exceeds the objective " + DurationSyntax.describe(objective));
  }
}
