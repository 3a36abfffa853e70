package io.drillbook.service;

import static io.drillbook.drill.TestPlans.plan;
import static io.drillbook.drill.TestPlans.request;
import static io.drillbook.drill.TestPlans.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.StepDecision;
import io.drillbook.plan.Action;
import io.drillbook.service.ServiceRefusal.Kind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A decision or an abort sent while no worker runs (or while its evidence store does not answer) is answered
 * by a refusal that says what to check, after a bounded wait, instead of a command that never returns; a
 * query no worker took says so instead of blaming Temporal.
 */
class NoWorkerAnswersTest {

  // Without the fix the call never returns: the test must fail, not hang the build.
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @Test
  void aDecisionAndAnAbortWithNoWorkerRunningAreRefusedSayingWhatToCheck() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      env.start();
      DrillService drills = new DrillService(env.getWorkflowClient(), Duration.ofSeconds(2));
      DrillRequest request = request("drl-no-worker", plan("no-worker").step(step("prepare", Action.MANUAL)).build());
      drills.start(request);

      ServiceRefusal decision = assertThrows(ServiceRefusal.class,
          () -> drills.decide(request.drillId(), new StepDecision("prepare", "oncall", true, "done")));
      assertEquals(Kind.UNAVAILABLE, decision.kind());
      assertTrue(decision.detail().contains("has not answered the decision on step prepare within 2 s"),
          decision.getMessage());
      assertTrue(decision.getMessage().contains("drillbook worker")
          && decision.getMessage().contains("drillbook drill status drl-no-worker"), decision.getMessage());

      ServiceRefusal abort = assertThrows(ServiceRefusal.class,
          () -> drills.abort(request.drillId(), new AbortRequest("oncall", "wrong window")));
      assertEquals(Kind.UNAVAILABLE, abort.kind());
    }
  }

  @Test
  void anAnswerOrARefusalWithinTheWaitIsPassedOnAsItIs() {
    WorkerAnswer answer = new WorkerAnswer(Duration.ofSeconds(5));
    assertEquals("answered", answer.await("drill d", "abort", "status", () -> "answered"));
    ServiceRefusal refused = new ServiceRefusal(Kind.FORBIDDEN, "not the Accountable", null);
    assertSame(refused, assertThrows(ServiceRefusal.class, () -> answer.await("drill d", "abort", "status", () -> {
      throw refused;
    })));
  }

  @Test
  void aQueryNoWorkerTookIsNotBlamedOnTemporal() {
    // What the SDK throws for a query of a drill with no worker, after its deadline (about a minute).
    RuntimeException noWorker = new RuntimeException("workflowId='drl-1'",
        new StatusRuntimeException(Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded")));
    ServiceRefusal refusal = TemporalFailures.unanswered("drill drl-1", noWorker);
    assertEquals(Kind.UNAVAILABLE, refusal.kind());
    assertTrue(refusal.getMessage().contains("no answer for drill drl-1")
        && refusal.getMessage().contains("drillbook worker"), refusal.getMessage());

    RuntimeException refused = new StatusRuntimeException(Status.UNAVAILABLE.withDescription("Connection refused"));
    assertTrue(TemporalFailures.unanswered("drill drl-1", refused).getMessage()
        .contains("Temporal did not answer for drill drl-1"));
  }
}
