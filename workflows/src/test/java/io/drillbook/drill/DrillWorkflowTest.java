package io.drillbook.drill;

import static io.drillbook.drill.TestPlans.plan;
import static io.drillbook.drill.TestPlans.raci;
import static io.drillbook.drill.TestPlans.request;
import static io.drillbook.drill.TestPlans.step;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.NotifyActivities.NotifyMessage;
import io.drillbook.plan.Action;
import io.drillbook.plan.OnFailure;
import io.drillbook.plan.OnTimeout;
import io.drillbook.plan.Plan;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DrillWorkflowTest {

  private DrillHarness h = new DrillHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Nested
  class Graph {

    @Test
    void stepsRunInDependencyOrderAndIndependentOnesOverlap() {
      h.provider.script("snap-a").busyFor(Duration.ofMillis(400)).outputs(Map.of("snapshotId", "s-a"));
      h.provider.script("snap-b").busyFor(Duration.ofMillis(400));
      Plan plan = plan("dag")
          .step(step("snap-a", Action.SNAPSHOT))
          .step(step("snap-b", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap-a", "snap-b").from("snap-a"))
          .step(step("check", Action.VERIFY).needs("restore").from("restore"))
          .cleanup(step("drop", Action.DELETE).from("restore"))
          .build();

      DrillResult result = h.run(request("drl-dag", plan));

      assertEquals(Verdict.PASSED, result.verdict(), result.toString());
      ScriptedProvider.Call a = h.provider.last("snap-a");
      ScriptedProvider.Call b = h.provider.last("snap-b");
      ScriptedProvider.Call restore = h.provider.last("restore");
      assertTrue(a.overlaps(b), "independent steps run in parallel");
      assertTrue(restore.startNanos() > a.endNanos() && restore.startNanos() > b.endNanos());
      assertEquals(Map.of("snapshotId", "s-a"), restore.fromOutputs());
      assertTrue(h.provider.last("check").startNanos() > restore.endNanos());
      assertTrue(h.provider.last("drop").cleanup());
      assertEquals(Map.of("ref", "restore-out"), h.provider.last("drop").fromOutputs());
      assertEquals(List.of("cleanup.started", "cleanup.completed"), h.evidence.typesOf("drop"));
      assertContiguous();
      List<String> types = h.evidence.types();
      assertEquals(EvidenceEvents.DRILL_STARTED, types.get(0));
      assertEquals(EvidenceEvents.DRILL_COMPLETED, types.get(types.size() - 1));
      assertEquals(List.of("step.started", "step.completed"), h.evidence.typesOf("restore"));
      assertEquals(List.of("test-tenant/drl-dag"), h.evidence.anchors());
      assertEquals(h.evidence.lastHash(), result.lastHash());
      assertEquals(types.size(), result.lastSeq());
    }

    @Test
    void drillStartedAndStepStartedCarryThePlanAndTheRaci() {
      Plan plan = plan("payloads").step(step("snap", Action.SNAPSHOT)).build();

      h.run(request("drl-payloads", plan));

      EvidenceAppend started = h.evidence.first(EvidenceEvents.DRILL_STARTED, null);
      assertEquals("oncall", started.actor());
      assertEquals("payloads", started.payload().get("planName"));
      assertEquals("RESTORE_TEST", started.payload().get("planType"));
      assertEquals("0".repeat(64), started.payload().get("planSha256"));
      assertEquals("MANUAL", started.payload().get("trigger"));
      assertEquals(Duration.ofHours(4).toMillis(), ((Number) started.payload().get("rtoMillis")).longValue());
      assertEquals(1, ((Number) started.payload().get("stepCount")).intValue());
      EvidenceAppend stepStarted = h.evidence.first(EvidenceEvents.STEP_STARTED, "snap");
      assertEquals("msp-manager", stepStarted.raci().accountable());
      assertEquals(Map.of("action", "snapshot", "provider", "local", "resource", "db"), stepStarted.payload());
      assertNotNull(h.evidence.first(EvidenceEvents.STEP_COMPLETED, "snap").payload().get("durationMillis"));
    }

    @Test
    void aFailedStepAbortsByDefaultCancellingRunningStepsAndSkippingDependents() {
      h.provider.script("restore").busyFor(Duration.ofMillis(200)).fail("scratch port unavailable");
      h.provider.script("slow").untilCancelled();
      Plan plan = plan("abort-policy")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("slow", Action.EXPORT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .step(step("check", Action.VERIFY).needs("restore").from("restore"))
          .cleanup(step("drop-scratch", Action.DELETE).from("restore"))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();

      DrillResult result = h.run(request("drl-abort-policy", plan));

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals("step 'restore' failed: scratch port unavailable", result.failureReason());
      assertEquals(1, h.provider.calls("restore").size(), "ActionFailed is not retried");
      assertEquals("cancelled", h.provider.last("slow").outcome());
      assertEquals(List.of("step.started", "step.cancelled"), h.evidence.typesOf("slow"));
      assertEquals(List.of("step.skipped"), h.evidence.typesOf("check"));
      assertEquals(List.of("cleanup.skipped"), h.evidence.typesOf("drop-scratch"));
      assertEquals(List.of("cleanup.started", "cleanup.completed"), h.evidence.typesOf("drop-snapshot"));
      assertTrue(h.provider.last("drop-snapshot").cleanup());
      EvidenceAppend failed = h.evidence.first(EvidenceEvents.STEP_FAILED, "restore");
      assertEquals("scratch port unavailable", failed.payload().get("error"));
      assertEquals(Boolean.TRUE, failed.payload().get("nonRetryable"));
      assertTrue(result.observations().contains("resource may have leaked: drop-scratch"), result.toString());
      assertContiguous();
    }

    @Test
    void aFailureWithContinueIsAnObservationAndDependentsStillRun() {
      h.provider.script("check-a").fail("row count differs on 1 table");
      Plan plan = plan("continue-policy")
          .step(step("check-a", Action.VERIFY).onFailure(OnFailure.CONTINUE))
          .step(step("export", Action.EXPORT).needs("check-a"))
          .step(step("reuse", Action.VERIFY).needs("check-a").from("check-a"))
          .build();

      DrillResult result = h.run(request("drl-continue", plan));

      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, result.verdict(), result.toString());
      assertEquals(List.of("step.started", "step.completed"), h.evidence.typesOf("export"));
      EvidenceAppend skipped = h.evidence.first(EvidenceEvents.STEP_SKIPPED, "reuse");
      assertEquals("from step 'check-a' produced no output (failed)", skipped.payload().get("reason"));
      assertEquals(List.of("step 'check-a' failed and the drill continued (onFailure: continue): "
          + "row count differs on 1 table"), result.observations());
      assertNull(result.failureReason());
    }

    @Test
    void retriesFollowThePlanAndAreCounted() {
      h.provider.script("snap").failFirst(3);
      h.provider.script("export").failRetryable("destination not reachable");
      Plan plan = plan("retry")
          .step(step("snap", Action.SNAPSHOT).retry(4, Duration.ofMinutes(5)))
          .step(step("export", Action.EXPORT).needs("snap").retry(2, Duration.ofSeconds(30)))
          .build();

      DrillResult result = h.run(request("drl-retry", plan));

      assertEquals(List.of(1, 2, 3, 4), h.provider.calls("snap").stream().map(ScriptedProvider.Call::attempt).toList());
      assertEquals(2, h.provider.calls("export").size());
      EvidenceAppend failed = h.evidence.first(EvidenceEvents.STEP_FAILED, "export");
      assertEquals(2, ((Number) failed.payload().get("attempts")).intValue());
      assertEquals("destination not reachable", failed.payload().get("error"));
      assertEquals(Verdict.FAILED, result.verdict());
    }
  }

  @Nested
  class Approvals {

    private Plan gated(String accountable, OnTimeout onTimeout) {
      return plan("gated")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("sign-off", Action.APPROVAL).needs("snap").timeout(Duration.ofHours(72))
              .onTimeout(onTimeout).raci(raci("oncall", accountable, "client")))
          .step(step("after", Action.VERIFY).needs("sign-off"))
          .build();
    }

    @Test
    void theAccountableApproves() {
      DrillWorkflow drill = h.start(request("drl-approve", gated("msp-manager", OnTimeout.FAIL)));
      h.awaitStep(drill, "sign-off", StepState.WAITING);

      StepState state = drill.decide(new StepDecision("sign-off", "msp-manager", true, "restored data checked"));

      assertEquals(StepState.SUCCEEDED, state);
      assertEquals(Verdict.PASSED, h.result(drill).verdict());
      EvidenceAppend granted = h.evidence.first(EvidenceEvents.APPROVAL_GRANTED, "sign-off");
      assertEquals("msp-manager", granted.actor());
      assertEquals(Map.of("actor", "msp-manager", "comment", "restored data checked"), granted.payload());
      assertEquals(List.of("step.started", "approval.requested", "approval.granted", "step.completed"),
          h.evidence.typesOf("sign-off"));
      assertEquals(List.of("step.started", "step.completed"), h.evidence.typesOf("after"));
    }

    @Test
    void aMemberOfTheAccountablePartyApproves() {
      DrillWorkflow drill = h.start(request("drl-member", gated("client", OnTimeout.FAIL)));
      h.awaitStep(drill, "sign-off", StepState.WAITING);

      assertEquals(StepState.SUCCEEDED, drill.decide(new StepDecision("sign-off", "dsi@client", true, null)));
      assertEquals(Verdict.PASSED, h.result(drill).verdict());
    }

    @Test
    void anyoneButTheAccountableIsRejectedBeforeHistory() {
      DrillWorkflow drill = h.start(request("drl-wrong-actor", gated("client", OnTimeout.FAIL)));
      h.awaitStep(drill, "sign-off", StepState.WAITING);

      WorkflowUpdateException e = assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("sign-off", "msp-manager", true, null)));

      assertTrue(rootMessage(e).contains("only the Accountable of step 'sign-off'"), rootMessage(e));
      assertTrue(DrillWorkflow.refusedByRaci((ApplicationFailure) e.getCause()), rootMessage(e));
      assertEquals(StepState.WAITING, h.awaitStep(drill, "sign-off", StepState.WAITING).state());
      assertFalse(h.evidence.types().contains(EvidenceEvents.APPROVAL_GRANTED));
      drill.decide(new StepDecision("sign-off", "client", true, null));
      assertEquals(Verdict.PASSED, h.result(drill).verdict());
    }

    @Test
    void decisionsOnStepsThatAreNotWaitingAreRejected() {
      h.provider.script("snap").busyFor(Duration.ofMillis(500));
      DrillWorkflow drill = h.start(request("drl-not-waiting", gated("msp-manager", OnTimeout.FAIL)));
      h.awaitStep(drill, "snap", StepState.RUNNING);

      String pending = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("sign-off", "msp-manager", true, null))));
      String provider = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("snap", "msp-manager", true, null))));
      String unknown = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("nope", "msp-manager", true, null))));

      assertTrue(pending.contains("step 'sign-off' is not waiting for a decision (it is PENDING)"), pending);
      assertTrue(provider.contains("only approval and manual steps take a decision"), provider);
      assertTrue(unknown.contains("this drill has no step 'nope'"), unknown);
      h.awaitStep(drill, "sign-off", StepState.WAITING);
      drill.decide(new StepDecision("sign-off", "msp-manager", true, null));
      String decided = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("sign-off", "msp-manager", false, null))));
      assertTrue(decided.contains("is not waiting for a decision (it is SUCCEEDED)"), decided);
      h.result(drill);
    }

    @Test
    void aDenialFailsTheStep() {
      DrillWorkflow drill = h.start(request("drl-deny", gated("msp-manager", OnTimeout.FAIL)));
      h.awaitStep(drill, "sign-off", StepState.WAITING);

      assertEquals(StepState.FAILED, drill.decide(new StepDecision("sign-off", "msp-manager", false, "checks incomplete")));

      DrillResult result = h.result(drill);
      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals("step 'sign-off' failed: denied by msp-manager", result.failureReason());
      assertEquals("checks incomplete", h.evidence.first(EvidenceEvents.APPROVAL_DENIED, "sign-off").payload().get("comment"));
      assertEquals(List.of("step.skipped"), h.evidence.typesOf("after"));
    }

    @Test
    void onTimeoutFailExpiresTheApproval() {
      DrillWorkflow drill = h.start(request("drl-expire", gated("msp-manager", OnTimeout.FAIL)));

      DrillResult result = h.result(drill);

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals("step 'sign-off' failed: no decision within 72h", result.failureReason());
      assertEquals(List.of("step.started", "approval.requested", "approval.expired", "step.failed"),
          h.evidence.typesOf("sign-off"));
      assertElapsed("sign-off", Duration.ofHours(72));
    }

    @Test
    void onTimeoutContinueSucceedsWithAnObservation() {
      DrillResult result = h.run(request("drl-continue-timeout", gated("msp-manager", OnTimeout.CONTINUE)));

      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, result.verdict());
      assertEquals(List.of("sign-off: no decision on step 'sign-off' within 72h; the drill continued (onTimeout: continue)"),
          result.observations());
      assertEquals(List.of("step.started", "approval.requested", "approval.expired", "step.completed"),
          h.evidence.typesOf("sign-off"));
      assertEquals(List.of("step.started", "step.completed"), h.evidence.typesOf("after"));
    }

    @Test
    void onTimeoutEscalateNotifiesThenFailsAfterOneMoreTimeout() {
      DrillResult result = h.run(request("drl-escalate", gated("msp-manager", OnTimeout.ESCALATE)));

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals(List.of("step.started", "approval.requested", "approval.escalated", "approval.expired", "step.failed"),
          h.evidence.typesOf("sign-off"));
      List<NotifyMessage> sent = h.notifier.messages();
      assertEquals(1, sent.size());
      assertEquals(List.of("msp", "client"), sent.get(0).to(), "the Accountable's party, then the Informed");
      EvidenceAppend escalated = h.evidence.first(EvidenceEvents.APPROVAL_ESCALATED, "sign-off");
      assertEquals("log", escalated.payload().get("channel"));
      assertElapsed("sign-off", Duration.ofHours(144));
    }

    @Test
    void anEscalatedApprovalCanStillBeGranted() {
      DrillWorkflow drill = h.start(request("drl-escalate-grant", gated("msp-manager", OnTimeout.ESCALATE)));
      h.awaitStep(drill, "sign-off", StepState.WAITING);
      h.env().sleep(Duration.ofHours(73));
      assertEquals(1, h.notifier.messages().size());

      assertEquals(StepState.SUCCEEDED, drill.decide(new StepDecision("sign-off", "msp-manager", true, "late")));

      assertEquals(Verdict.PASSED, h.result(drill).verdict());
      assertEquals(List.of("step.started", "approval.requested", "approval.escalated", "approval.granted",
          "step.completed"), h.evidence.typesOf("sign-off"));
    }

    @Test
    void aManualStepIsCompletedByAResponsible() {
      Plan plan = plan("manual")
          .step(step("switch-dns", Action.MANUAL).with("instructions", "point the DNS at the standby")
              .raci(raci("msp-dba", "msp-manager")))
          .build();
      DrillWorkflow drill = h.start(request("drl-manual", plan));
      h.awaitStep(drill, "switch-dns", StepState.WAITING);

      String rejected = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.decide(new StepDecision("switch-dns", "msp-manager", true, null))));
      StepState state = drill.decide(new StepDecision("switch-dns", "msp-dba", true, "done at 10:02"));

      assertTrue(rejected.contains("only a Responsible of step 'switch-dns'"), rejected);
      assertEquals(StepState.SUCCEEDED, state);
      assertEquals(Verdict.PASSED, h.result(drill).verdict());
      EvidenceAppend completed = h.evidence.first(EvidenceEvents.MANUAL_COMPLETED, "switch-dns");
      assertEquals("msp-dba", completed.actor());
      assertEquals(Boolean.TRUE, completed.payload().get("done"));
    }
  }

  @Nested
  class DrillbookSteps {

    @Test
    void waitIsADurableTimer() {
      Plan plan = plan("wait")
          .step(step("settle", Action.WAIT).with("duration", "4h"))
          .step(step("snap", Action.SNAPSHOT).needs("settle"))
          .build();

      long realStart = System.nanoTime();
      DrillResult result = h.run(request("drl-wait", plan));

      assertEquals(Verdict.PASSED, result.verdict());
      assertElapsed("settle", Duration.ofHours(4));
      assertTrue(Duration.ofNanos(System.nanoTime() - realStart).toSeconds() < 30, "time skipped");
      assertEquals(Duration.ofHours(4).toMillis(),
          ((Number) stepOutputs("settle").get("waitedMillis")).longValue());
    }

    @Test
    void notifyDeliversAndRecordsTheReceipt() {
      Plan plan = plan("notify")
          .step(step("tell", Action.NOTIFY).with("to", List.of("client", "msp")).with("message", "restore test starts"))
          .build();

      h.run(request("drl-notify", plan));

      NotifyMessage sent = h.notifier.messages().get(0);
      assertEquals(List.of("client", "msp"), sent.to());
      assertEquals("restore test starts", sent.message());
      assertEquals("drl-notify", sent.drillId());
      Map<String, Object> outputs = stepOutputs("tell");
      assertEquals("log", outputs.get("channel"));
      assertEquals("ntf-1", outputs.get("reference"));
    }
  }

  @Nested
  class Cleanup {

    @Test
    void anAbortRecordsWhoAndWhyCancelsAndCleansUp() {
      h.provider.script("restore").untilCancelled();
      Plan plan = plan("abort")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .step(step("check", Action.VERIFY).needs("restore").from("restore"))
          .cleanup(step("drop-scratch", Action.DELETE).from("restore"))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();
      DrillWorkflow drill = h.start(request("drl-abort", plan));
      h.awaitStep(drill, "restore", StepState.RUNNING);

      drill.abort(new AbortRequest("oncall", "maintenance window closed"));
      String again = rootMessage(assertThrows(WorkflowUpdateException.class,
          () -> drill.abort(new AbortRequest("oncall", "twice"))));

      DrillResult result = h.result(drill);
      assertTrue(again.contains("already"), again);
      assertEquals(Verdict.ABORTED, result.verdict());
      assertEquals("aborted by oncall: maintenance window closed", result.failureReason());
      EvidenceAppend aborted = h.evidence.first(EvidenceEvents.DRILL_ABORTED, null);
      assertEquals("oncall", aborted.actor());
      assertEquals(Map.of("actor", "oncall", "reason", "maintenance window closed"), aborted.payload());
      assertTrue(h.evidence.indexOf(EvidenceEvents.DRILL_ABORTED, null)
          < h.evidence.indexOf(EvidenceEvents.STEP_CANCELLED, "restore"));
      assertEquals("cancelled", h.provider.last("restore").outcome());
      assertEquals(List.of("step.skipped"), h.evidence.typesOf("check"));
      assertEquals(List.of("cleanup.started", "cleanup.completed"), h.evidence.typesOf("drop-snapshot"));
      assertEquals(List.of("cleanup.skipped"), h.evidence.typesOf("drop-scratch"));
      assertContiguous();
    }

    @Test
    void anAbortDeliveredWithTheStartIsRecordedAfterTheDrillStarted() {
      Plan plan = plan("abort-at-start")
          .step(step("snap", Action.SNAPSHOT))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();
      DrillRequest request = request("drl-abort-at-start", plan);
      DrillWorkflow drill = h.client().newWorkflowStub(DrillWorkflow.class, WorkflowOptions.newBuilder()
          .setWorkflowId(request.drillId())
          .setTaskQueue(DrillWorkflow.TASK_QUEUE)
          .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
          .build());

      // Update-with-start hands the abort to the first workflow task, before run() has recorded anything.
      WorkflowClient.executeUpdateWithStart(drill::abort, new AbortRequest("oncall", "wrong plan"),
          UpdateOptions.<Void>newBuilder().setWaitForStage(WorkflowUpdateStage.COMPLETED).build(),
          new WithStartWorkflowOperation<>(drill::run, request));

      assertEquals(Verdict.ABORTED, h.result(drill).verdict());
      assertEquals(List.of(EvidenceEvents.DRILL_STARTED, EvidenceEvents.DRILL_ABORTED),
          h.evidence.types().subList(0, 2));
      assertContiguous();
    }

    @Test
    void aTemporalCancelAbortsLikeAnAbort() {
      h.provider.script("restore").untilCancelled();
      Plan plan = plan("cancel")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();
      DrillWorkflow drill = h.start(request("drl-cancel", plan));
      h.awaitStep(drill, "restore", StepState.RUNNING);

      WorkflowStub.fromTyped(drill).cancel();

      // Temporal closes a workflow whose cancel was requested as CANCELED, result or not: the verdict is in
      // the evidence and the progress query.
      WorkflowFailedException closed = assertThrows(WorkflowFailedException.class, () -> h.result(drill));
      assertTrue(closed.getCause() instanceof CanceledFailure, closed.toString());
      assertEquals(Verdict.ABORTED, drill.progress().verdict());
      assertEquals("ABORTED", h.evidence.first(EvidenceEvents.DRILL_COMPLETED, null).payload().get("verdict"));
      assertEquals(EvidenceEvents.CANCEL_ACTOR, h.evidence.first(EvidenceEvents.DRILL_ABORTED, null).actor());
      assertEquals(List.of("cleanup.started", "cleanup.completed"), h.evidence.typesOf("drop-snapshot"));
      assertEquals(StepState.CANCELLED, drill.progress().steps().get(1).state());
      assertEquals(EvidenceEvents.DRILL_COMPLETED, last(h.evidence.types()));
      assertContiguous();
    }

    @Test
    void aFailedCleanupIsRecordedAndTheOthersStillRun() {
      h.provider.script("drop-scratch").fail("instance locked");
      Plan plan = plan("cleanup-fails")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .cleanup(step("drop-scratch", Action.DELETE).from("restore"))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();

      DrillResult result = h.run(request("drl-cleanup-fails", plan));

      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, result.verdict());
      assertEquals(List.of("resource may have leaked: drop-scratch"), result.observations());
      assertEquals(List.of("cleanup.started", "cleanup.failed"), h.evidence.typesOf("drop-scratch"));
      assertEquals(List.of("cleanup.started", "cleanup.completed"), h.evidence.typesOf("drop-snapshot"));
      assertEquals(Map.of("ref", "restore-out"), h.provider.last("drop-scratch").fromOutputs());
    }
  }

  @Nested
  class Evidence {

    @Test
    void aRetriedAppendNeverDuplicatesAnEvent() {
      h.close();
      h = new DrillHarness(new InMemoryEvidence().failOnceAfterStoring());
      Plan plan = plan("flaky-store")
          .step(step("snap-a", Action.SNAPSHOT))
          .step(step("snap-b", Action.SNAPSHOT))
          .cleanup(step("drop", Action.DELETE).from("snap-a"))
          .build();

      DrillResult result = h.run(request("drl-flaky-store", plan));

      assertEquals(Verdict.PASSED, result.verdict());
      assertContiguous();
      assertEquals(2 * h.evidence.events().size(), h.evidence.appendCalls(), "each event stored once, asked twice");
    }

    @Test
    void aRefusedEventStopsTheDrillCleansUpAndFailsTheWorkflow() {
      h.close();
      h = new DrillHarness(new InMemoryEvidence().refuseAt(3));
      Plan plan = plan("forked-chain")
          .step(step("snap", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .cleanup(step("drop-snapshot", Action.DELETE).from("snap"))
          .build();

      WorkflowFailedException e = assertThrows(WorkflowFailedException.class,
          () -> h.run(request("drl-forked", plan)));

      ApplicationFailure cause = (ApplicationFailure) e.getCause();
      assertEquals("EvidenceNotRecorded", cause.getType());
      assertEquals("the evidence log refused event seq 3 (step.completed); the drill stopped after its cleanup",
          cause.getOriginalMessage());
      assertEquals(List.of("drill.started", "step.started"), h.evidence.types());
      assertTrue(h.provider.calls("restore").isEmpty());
      assertTrue(h.provider.last("drop-snapshot").cleanup(), "cleanup runs even without evidence");
      assertTrue(h.evidence.anchors().isEmpty());
    }
  }

  @Nested
  class Verdicts {

    @Test
    void aReportedRtoAboveTheObjectiveFailsTheDrill() {
      h.provider.script("failover").outputs(Map.of("rtoMillis", Duration.ofHours(5).toMillis(),
          "rtoMeasuredBy", "canary", "rpoMillis", 2_000));
      Plan plan = plan("rto").objectives(Duration.ofHours(4), Duration.ofMinutes(15))
          .step(step("failover", Action.FAILOVER))
          .build();

      DrillResult result = h.run(request("drl-rto", plan));

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals(Duration.ofHours(5).toMillis(), result.achievedRtoMillis());
      assertEquals("canary (step failover)", result.rtoMeasuredBy());
      assertEquals(2_000L, result.achievedRpoMillis());
      assertEquals("achieved RTO 5h exceeds the objective 4h", result.failureReason());
      EvidenceAppend completed = h.evidence.first(EvidenceEvents.DRILL_COMPLETED, null);
      assertEquals("FAILED", completed.payload().get("verdict"));
      assertEquals("canary (step failover)", completed.payload().get("rtoMeasuredBy"));
    }

    @Test
    void aReportedRpoAboveTheObjectiveFailsTheDrill() {
      h.provider.script("failover").outputs(Map.of("rpoMillis", Duration.ofMinutes(20).toMillis()));
      Plan plan = plan("rpo").step(step("failover", Action.FAILOVER)).build();

      DrillResult result = h.run(request("drl-rpo", plan));

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals("achieved RPO 20m exceeds the objective 15m", result.failureReason());
    }

    @Test
    void withoutAReportTheRtoIsTheRestoreToVerifiedSpan() {
      Plan plan = plan("span").objectives(Duration.ofHours(4), Duration.ofMinutes(15))
          .step(step("snap", Action.SNAPSHOT))
          .step(step("restore", Action.RESTORE).needs("snap").from("snap"))
          .step(step("replay-logs", Action.WAIT).needs("restore").with("duration", "5h"))
          .step(step("check", Action.VERIFY).needs("replay-logs").from("restore"))
          .build();

      DrillResult result = h.run(request("drl-span", plan));

      assertEquals(Verdict.FAILED, result.verdict());
      assertEquals(VerdictRules.SPAN, result.rtoMeasuredBy());
      assertTrue(result.achievedRtoMillis() >= Duration.ofHours(5).toMillis(), result.toString());
      assertNull(result.achievedRpoMillis());
    }

    @Test
    void providerObservationsMakeAPassWithObservations() {
      h.provider.script("check").observations("2 tables without primary key: checksums skipped");
      Plan plan = plan("observed").step(step("check", Action.VERIFY)).build();

      DrillResult result = h.run(request("drl-observed", plan));

      assertEquals(Verdict.PASSED_WITH_OBSERVATIONS, result.verdict());
      assertEquals(List.of("check: 2 tables without primary key: checksums skipped"), result.observations());
    }
  }

  @Test
  void progressShowsEveryStepWhileRunningAndTheVerdictAtTheEnd() {
    h.provider.script("snap").outputs(Map.of("snapshotId", "s-1"));
    Plan plan = plan("progress")
        .step(step("snap", Action.SNAPSHOT))
        .step(step("sign-off", Action.APPROVAL).needs("snap").raci(raci("oncall", "client")))
        .step(step("after", Action.VERIFY).needs("sign-off"))
        .cleanup(step("drop", Action.DELETE).from("snap"))
        .build();
    DrillWorkflow drill = h.start(request("drl-progress", plan));
    h.awaitStep(drill, "sign-off", StepState.WAITING);

    DrillProgress waiting = drill.progress();

    assertEquals("drl-progress", waiting.drillId());
    assertEquals("progress", waiting.planName());
    assertEquals(TestPlans.TENANT, waiting.tenant());
    assertEquals(Duration.ofHours(4).toMillis(), waiting.rtoTargetMillis());
    assertEquals(List.of("snap", "sign-off", "after", "drop"), waiting.steps().stream().map(StepProgress::id).toList());
    assertEquals(List.of(StepState.SUCCEEDED, StepState.WAITING, StepState.PENDING, StepState.PENDING),
        waiting.steps().stream().map(StepProgress::state).toList());
    StepProgress snap = waiting.steps().get(0);
    assertEquals(Map.of("snapshotId", "s-1"), snap.outputs());
    assertTrue(snap.endedAt() >= snap.startedAt() && snap.startedAt() > 0);
    assertEquals("client", waiting.steps().get(1).raci().accountable());
    assertTrue(waiting.steps().get(3).cleanup());
    assertEquals(1, waiting.done());
    assertEquals(3, waiting.total());
    assertNull(waiting.verdict());

    drill.decide(new StepDecision("sign-off", "client", true, null));
    h.result(drill);
    DrillProgress done = drill.progress();
    assertEquals(Verdict.PASSED, done.verdict());
    assertEquals(3, done.done());
    assertEquals(StepState.SUCCEEDED, done.steps().get(3).state());
  }

  private void assertContiguous() {
    assertEquals(List.of(), h.evidence.violations());
    List<Long> seqs = h.evidence.events().stream().map(EvidenceAppend::seq).toList();
    assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs);
    List<Long> times = h.evidence.events().stream().map(EvidenceAppend::timeMillis).toList();
    assertEquals(times.stream().sorted().toList(), times, "event times never go back");
  }

  private void assertElapsed(String stepId, Duration atLeast) {
    long started = h.evidence.first(EvidenceEvents.STEP_STARTED, stepId).timeMillis();
    List<EvidenceAppend> mine = h.evidence.events().stream().filter(e -> stepId.equals(e.stepId())).toList();
    long ended = last(mine).timeMillis();
    assertTrue(ended - started >= atLeast.toMillis(), "step " + stepId + " took " + (ended - started) + " ms");
  }

  private Map<String, Object> stepOutputs(String stepId) {
    @SuppressWarnings("unchecked")
    Map<String, Object> outputs =
        (Map<String, Object>) h.evidence.first(EvidenceEvents.STEP_COMPLETED, stepId).payload().get("outputs");
    return outputs;
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
