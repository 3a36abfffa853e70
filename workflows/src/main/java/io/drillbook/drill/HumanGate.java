package io.drillbook.drill;

import io.drillbook.plan.StepDefaults;

import io.drillbook.plan.DurationSyntax;

import io.drillbook.drill.NotifyActivities.NotifyReceipt;
import io.drillbook.plan.Action;
import io.drillbook.plan.Step;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Approval and manual steps: the step waits (WAITING) for a person's decision, sent as the {@code decide}
 * Update, until its timeout; then {@code onTimeout} says whether it fails, continues with an observation, or
 * escalates (notice to the Accountable's party and the Informed, one more timeout, then fails).
 */
final class HumanGate {

  private final EvidenceLog evidence;
  private final RaciAuthority authority;
  private final StepActions actions;

  HumanGate(EvidenceLog evidence, RaciAuthority authority, StepActions actions) {
    this.evidence = evidence;
    this.authority = authority;
    this.actions = actions;
  }

  /** Rejects a decision the step cannot take; the message says why without naming people. */
  void validate(StepRun run, StepDecision decision) {
    String id = run.id();
    if (!run.step.action().isHumanGate()) {
      throw new IllegalArgumentException("step '" + id + "' is a " + run.step.action().yamlName()
          + " step: only approval and manual steps take a decision");
    }
    if (!run.awaitsDecision()) {
      throw new IllegalArgumentException("step '" + id + "' is not waiting for a decision (it is "
          + run.state + (run.decision != null && run.state == StepState.WAITING ? ", already decided" : "") + ")");
    }
    if (decision.actor() == null || decision.actor().isBlank()) {
      throw new IllegalArgumentException("a decision must name who takes it (actor)");
    }
    if (run.step.action() == Action.APPROVAL && !authority.isAccountable(run.step.raci(), decision.actor())) {
      throw ApplicationFailure.newFailure(DrillWorkflow.RACI_REFUSAL + "only the Accountable of step '" + id
          + "' (or a member of the Accountable party) may approve or deny it", DrillWorkflow.NOT_RACI_OWNER);
    }
    if (run.step.action() == Action.MANUAL && !authority.isResponsible(run.step.raci(), decision.actor())) {
      throw ApplicationFailure.newFailure(DrillWorkflow.RACI_REFUSAL + "only a Responsible of step '" + id
          + "' (or a member of a Responsible party) may complete it", DrillWorkflow.NOT_RACI_OWNER);
    }
  }

  /** Waits for the decision (throws CanceledFailure when the drill stops meanwhile). */
  StepOutcome await(StepRun run) {
    Step step = run.step;
    Duration timeout = StepDefaults.timeout(step);
    List<String> deciders = step.action() == Action.APPROVAL
        ? List.of(step.raci().accountable())
        : step.raci().responsible();
    evidence.record(EvidenceEvents.APPROVAL_REQUESTED, step.id(), step.raci(), EvidenceEvents.SYSTEM_ACTOR, Payload.of()
        .put("action", step.action().yamlName())
        .put("deciders", deciders)
        .put("timeoutMillis", timeout.toMillis())
        .put("onTimeout", step.onTimeout().name().toLowerCase(Locale.ROOT))
        .map());
    run.state = StepState.WAITING;
    if (Workflow.await(timeout, () -> run.decision != null)) {
      return decided(run);
    }
    String waited = DurationSyntax.describe(timeout);
    return switch (step.onTimeout()) {
      case FAIL -> {
        expired(run, timeout, false);
        yield StepOutcome.failed("no decision within " + waited);
      }
      case CONTINUE -> {
        expired(run, timeout, false);
        yield StepOutcome.succeeded(Map.of("decision", "none"), List.of(
            "no decision on step '" + step.id() + "' within " + waited + "; the drill continued (onTimeout: continue)"));
      }
      case ESCALATE -> {
        escalate(run, timeout);
        if (Workflow.await(timeout, () -> run.decision != null)) {
          yield decided(run);
        }
        expired(run, timeout, true);
        yield StepOutcome.failed("no decision within " + waited + ", nor within " + waited + " after escalation");
      }
    };
  }

  private StepOutcome decided(StepRun run) {
    Step step = run.step;
    StepDecision d = run.decision;
    Map<String, Object> payload = Payload.of()
        .put("actor", d.actor())
        .put("comment", d.comment())
        .put("done", step.action() == Action.MANUAL ? d.approve() : null)
        .map();
    if (step.action() == Action.MANUAL) {
      evidence.record(EvidenceEvents.MANUAL_COMPLETED, step.id(), step.raci(), d.actor(), payload);
      return d.approve()
          ? StepOutcome.succeeded(Map.of("completedBy", d.actor()), List.of())
          : StepOutcome.failed("reported not done by " + d.actor());
    }
    evidence.record(d.approve() ? EvidenceEvents.APPROVAL_GRANTED : EvidenceEvents.APPROVAL_DENIED, step.id(), step.raci(), d.actor(), payload);
    return d.approve()
        ? StepOutcome.succeeded(Map.of("decision", "approved", "decidedBy", d.actor()), List.of())
        : StepOutcome.failed("denied by " + d.actor());
  }

  private void escalate(StepRun run, Duration timeout) {
    Step step = run.step;
    List<String> to = authority.escalationRecipients(step.raci());
    Payload payload = Payload.of().put("to", to).put("timeoutMillis", timeout.toMillis());
    try {
      NotifyReceipt receipt = actions.notify(step, to, "step '" + step.id() + "' has waited "
          + DurationSyntax.describe(timeout) + " for a decision; it fails if none is taken within "
          + DurationSyntax.describe(timeout));
      StepActions.receiptOutputs(receipt).forEach(payload::put);
    } catch (ActivityFailure e) {
      StepActions.throwIfCanceled(e);
      // The escalation still counts: it is recorded with why the notice did not go out.
      payload.put("notifyError", StepActions.describe(e));
    }
    evidence.record(EvidenceEvents.APPROVAL_ESCALATED, step.id(), step.raci(), EvidenceEvents.SYSTEM_ACTOR, payload.map());
  }

  private void expired(StepRun run, Duration timeout, boolean escalated) {
    evidence.record(EvidenceEvents.APPROVAL_EXPIRED, run.id(), run.step.raci(), EvidenceEvents.SYSTEM_ACTOR, Payload.of()
        .put("timeoutMillis", timeout.toMillis())
        .put("onTimeout", run.step.onTimeout().name().toLowerCase(Locale.ROOT))
        .put("escalated", escalated)
        .map());
  }
}
