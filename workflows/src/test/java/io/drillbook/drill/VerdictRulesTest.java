package io.drillbook.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drillbook.drill.VerdictRules.Judgement;
import io.drillbook.drill.VerdictRules.Measured;
import io.drillbook.plan.Objectives;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictRulesTest {

  private static final Objectives FOUR_HOURS_FIFTEEN_MINUTES = new Objectives(Duration.ofHours(4), Duration.ofMinutes(15));
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @Test
  void aCleanDrillPasses() {
    Judgement j = judge(List.of(step("snap", "snapshot", 0, HOUR)), null, null, List.of());
    assertEquals(Verdict.PASSED, j.verdict());
    assertNull(j.failureReason());
  }

  @Test
  void observationsMakeAPassWithObservations() {
    Judgement j = judge(List.of(), null, null, List.of("resource may have leaked: drop"));
    assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, j.verdict());
  }

  @Test
  void aFailedAbortStepFailsTheDrill() {
    Judgement j = judge(List.of(), null, "step 'restore' failed: boom", List.of("x"));
    assertEquals(Verdict.FAILED, j.verdict());
    assertEquals("step 'restore' failed: boom", j.failureReason());
  }

  @Test
  void anAbortWinsOverEverythingElse() {
    Judgement j = judge(List.of(), "aborted by oncall", "step 'restore' failed: boom", List.of("x"));
    assertEquals(Verdict.ABORTED, j.verdict());
    assertEquals("aborted by oncall", j.failureReason());
  }

  @Test
  void rtoAndRpoAboveTheirObjectivesFailWithBothReasons() {
    StepProgress failover = step("failover", "failover", 0, HOUR,
        Map.of("rtoMillis", 5 * HOUR, "rpoMillis", Duration.ofMinutes(16).toMillis()));
    Judgement j = judge(List.of(failover), null, null, List.of());
    assertEquals(Verdict.FAILED, j.verdict());
    assertEquals("achieved RTO 5h exceeds the objective 4h; achieved RPO 16m exceeds the objective 15m",
        j.failureReason());
  }

  @Test
  void anRtoExactlyAtTheObjectivePasses() {
    StepProgress failover = step("failover", "failover", 0, HOUR, Map.of("rtoMillis", 4 * HOUR));
    assertEquals(Verdict.PASSED, judge(List.of(failover), null, null, List.of()).verdict());
  }

  @Test
  void theLargestReportedRtoWinsAndNamesItsStepAndMethod() {
    List<StepProgress> steps = List.of(
        step("failover", "failover", 0, HOUR, Map.of("rtoMillis", 2_000, "rtoMeasuredBy", "canary")),
        step("failback", "failback", HOUR, 2 * HOUR, Map.of("rtoMillis", 3_000L)));
    assertEquals(new Measured(3_000L, "provider (step failback)"), VerdictRules.achievedRto(steps));
  }

  @Test
  void aRestoreSpanLongerThanAReportedRtoIsTheOneJudged() {
    List<StepProgress> steps = List.of(
        step("failover", "failover", 0, HOUR, Map.of("rtoMillis", 2_000, "rtoMeasuredBy", "canary")),
        step("restore", "restore", 0, 9 * HOUR),
        step("check", "verify", 9 * HOUR, 10 * HOUR));
    assertEquals(new Measured(10 * HOUR, VerdictRules.SPAN), VerdictRules.achievedRto(steps));
  }

  @Test
  void withoutReportsTheRtoSpansFirstRecoveryToLastVerifyAfterIt() {
    List<StepProgress> steps = List.of(
        step("pre-check", "verify", 0, HOUR),
        step("snap", "snapshot", HOUR, 2 * HOUR),
        step("restore", "restore", 2 * HOUR, 3 * HOUR),
        step("import", "import", 2 * HOUR + 5, 4 * HOUR),
        step("check", "verify", 4 * HOUR, 5 * HOUR),
        step("check-2", "verify", 4 * HOUR, 5 * HOUR + 7));
    assertEquals(new Measured(3 * HOUR + 7, VerdictRules.SPAN), VerdictRules.achievedRto(steps));
  }

  @Test
  void theSpanIgnoresStepsThatDidNotSucceedAndCleanup() {
    List<StepProgress> steps = List.of(
        step("restore", "restore", 0, HOUR),
        new StepProgress("check", "verify", false, StepState.FAILED, HOUR, 2 * HOUR, null, "bad", Map.of()),
        new StepProgress("drop", "verify", true, StepState.SUCCEEDED, HOUR, 3 * HOUR, null, null, Map.of()));
    assertEquals(Measured.NONE, VerdictRules.achievedRto(steps));
  }

  @Test
  void nothingMeasuredMeansNullRtoAndRpo() {
    Judgement j = judge(List.of(step("snap", "snapshot", 0, HOUR)), null, null, List.of());
    assertEquals(Measured.NONE, j.rto());
    assertEquals(Measured.NONE, j.rpo());
  }

  @Test
  void aPlanWithoutObjectivesIsNotJudgedOnRto() {
    StepProgress failover = step("failover", "failover", 0, HOUR, Map.of("rtoMillis", 50 * HOUR));
    Judgement j = VerdictRules.judge(List.of(failover), Objectives.NONE, null, null, List.of());
    assertEquals(Verdict.PASSED, j.verdict());
    assertEquals(50 * HOUR, j.rto().millis());
  }

  private static Judgement judge(List<StepProgress> steps, String abort, String failure, List<String> observations) {
    return VerdictRules.judge(steps, FOUR_HOURS_FIFTEEN_MINUTES, abort, failure, observations);
  }

  private static StepProgress step(String id, String action, long start, long end) {
    return step(id, action, start, end, Map.of());
  }

  private static StepProgress step(String id, String action, long start, long end, Map<String, Object> outputs) {
    return new StepProgress(id, action, false, StepState.SUCCEEDED, start, end, null, null, outputs);
  }
}
