package io.drillbook.drill;

import static io.drillbook.drill.EvidenceEvents.SYSTEM_ACTOR;

import io.drillbook.drill.VerdictRules.Judgement;
import io.drillbook.plan.Objectives;
import io.drillbook.plan.OnFailure;
import io.drillbook.plan.Plan;
import io.drillbook.plan.Resource;
import io.drillbook.plan.Step;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;

/**
 * Interprets a frozen plan. Main steps start as soon as what they need has succeeded, independent ones in
 * parallel; a failed step stops the drill or, with {@code onFailure: continue}, becomes an observation. The
 * cleanup list then always runs, in order, whatever happened (success, failure, abort, cancel), and the drill
 * ends with its verdict, {@code drill.completed} and the evidence anchor.
 *
 * <p>The main steps run in a detached cancellation scope that this class cancels itself (abort, a failed step,
 * a Temporal cancel request), so every way of stopping goes through the same path and records
 * {@code drill.aborted} before the steps it cancels.
 */
public class DrillWorkflowImpl implements DrillWorkflow {

  private static final Logger log = Workflow.getLogger(DrillWorkflowImpl.class);

  /** The evidence events of one phase: main steps write {@code step.*}, cleanup entries {@code cleanup.*}. */
  private record Phase(String started, String completed, String failed, String skipped, String cancelled) {}

  private static final Phase MAIN = new Phase(EvidenceEvents.STEP_STARTED, EvidenceEvents.STEP_COMPLETED,
      EvidenceEvents.STEP_FAILED, EvidenceEvents.STEP_SKIPPED, EvidenceEvents.STEP_CANCELLED);
  private static final Phase CLEANUP = new Phase(EvidenceEvents.CLEANUP_STARTED, EvidenceEvents.CLEANUP_COMPLETED,
      EvidenceEvents.CLEANUP_FAILED, EvidenceEvents.CLEANUP_SKIPPED, EvidenceEvents.STEP_CANCELLED);

  /** The change id of the provider in {@code step.started}/{@code cleanup.started} ({@code Workflow.getVersion}). */
  private static final String STEP_PROVIDER = "step-provider";
  private static final String NO_PROVIDER = "none";

  private final Map<String, StepRun> runs = new LinkedHashMap<>();
  private final List<String> observations = new ArrayList<>();
  private final DrillRequest request;
  private final EvidenceLog evidence;
  private final StepActions actions;
  private final HumanGate gate;
  private final CancellationScope mainScope;
  private final long startedAt;
  private boolean mainDone;
  /** Why no further main step starts: the first of a failed step, an abort, a cancel, an unwritable log. */
  private String stopReason;
  /** The first failure of a step whose {@code onFailure} is {@code abort}; makes the verdict FAILED. */
  private String stepFailure;
  private AbortRequest abortRequest;
  private Verdict verdict;

  /** Builds the drill's state before any Update or query can be handled, even one that arrives with the start. */
  @WorkflowInit
  public DrillWorkflowImpl(DrillRequest request) {
    this.request = request;
    Plan plan = request.plan();
    startedAt = Workflow.currentTimeMillis();
    plan.steps().forEach(s -> runs.put(s.id(), new StepRun(s, false)));
    plan.cleanup().forEach(s -> runs.put(s.id(), new StepRun(s, true)));
    evidence = new EvidenceLog(request.tenant(), request.drillId(), () -> stop("the evidence log refused an event"));
    actions = new StepActions(request);
    gate = new HumanGate(evidence, new RaciAuthority(plan.parties()), actions);
    mainScope = Workflow.newDetachedCancellationScope(this::runMainSteps);
  }

  @Override
  public DrillResult run(DrillRequest request) {
    Plan plan = request.plan();
    watchCancellation();
    log.info("drill={} tenant={} plan steps={} cleanup={} starting", request.drillId(), request.tenant(),
        plan.steps().size(), plan.cleanup().size());
    evidence.record(EvidenceEvents.DRILL_STARTED, null, null, request.actor(), Payload.of()
        .put("planName", plan.metadata().name())
        .put("planType", plan.metadata().type() == null ? null : plan.metadata().type().name())
        .put("planSha256", request.planSha256())
        .put("planFile", request.planFile())
        .put("trigger", request.trigger() == null ? null : request.trigger().name())
        .put("actor", request.actor())
        .put("tenant", request.tenant())
        .put("rtoMillis", millis(objectives().rto()))
        .put("rpoMillis", millis(objectives().rpo()))
        .put("stepCount", plan.steps().size())
        .put("cleanupCount", plan.cleanup().size())
        .map());
    mainScope.run();
    mainDone = true;

    // Cleanup and the final record happen even when the workflow itself was cancelled; Temporal then closes
    // it as CANCELED whatever it returns, so the verdict of a cancelled drill is read from its evidence.
    DrillResult[] result = new DrillResult[1];
    Workflow.newDetachedCancellationScope(() -> result[0] = finish()).run();
    return result[0];
  }

  @Override
  public DrillProgress progress() {
    return new DrillProgress(request.drillId(), request.plan().metadata().name(), request.tenant(), startedAt,
        Workflow.currentTimeMillis(), millis(objectives().rto()),
        runs.values().stream().map(StepRun::progress).toList(), verdict);
  }

  @Override
  public void validateDecide(StepDecision decision) {
    if (decision == null || decision.stepId() == null) {
      throw new IllegalArgumentException("a decision must name the step it decides (stepId)");
    }
    StepRun run = runs.get(decision.stepId());
    if (run == null) {
      throw new IllegalArgumentException("this drill has no step '" + decision.stepId() + "'");
    }
    gate.validate(run, decision);
  }

  @Override
  public StepState decide(StepDecision decision) {
    StepRun run = runs.get(decision.stepId());
    // Two decisions can pass validation before either runs; the first one wins.
    if (!run.awaitsDecision()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "step '" + run.id() + "' was decided or stopped meanwhile", "StepNotWaiting");
    }
    run.decision = decision;
    Workflow.await(() -> run.state.isFinal());
    return run.state;
  }

  @Override
  public void validateAbort(AbortRequest request) {
    if (request == null || request.actor() == null || request.actor().isBlank()) {
      throw new IllegalArgumentException("an abort must name who aborts (actor)");
    }
    if (abortRequest != null) {
      throw new IllegalArgumentException("the drill is already being aborted");
    }
    if (mainDone || stopReason != null) {
      throw new IllegalArgumentException("the drill is already stopping; its cleanup runs regardless");
    }
  }

  @Override
  public void abort(AbortRequest request) {
    abortDrill(request);
  }

  /** A Temporal cancel request ends the drill like an abort, by "temporal-cancel", cleanup included. */
  private void watchCancellation() {
    Async.procedure(() -> {
      try {
        Workflow.await(() -> mainDone);
      } catch (CanceledFailure cancelled) {
        Workflow.newDetachedCancellationScope(() -> abortDrill(
            new AbortRequest(EvidenceEvents.CANCEL_ACTOR, "workflow cancellation requested"))).run();
      }
    });
  }

  private void abortDrill(AbortRequest abort) {
    if (abortRequest != null || mainDone) {
      return;
    }
    abortRequest = abort;
    log.info("drill={} tenant={} aborting", request.drillId(), request.tenant());
    evidence.record(EvidenceEvents.DRILL_ABORTED, null, null, abort.actor(),
        Payload.of().put("actor", abort.actor()).put("reason", abort.reason()).map());
    stop("drill aborted");
  }

  /** No new main step starts; running and waiting ones are cancelled. Cleanup follows. */
  private void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    mainScope.cancel(reason);
  }

  private void runMainSteps() {
    List<Promise<Void>> steps = new ArrayList<>();
    for (StepRun run : runs.values()) {
      if (!run.cleanup) {
        steps.add(Async.procedure(() -> runMainStep(run)));
      }
    }
    Promise.allOf(steps).get();
  }

  private void runMainStep(StepRun run) {
    try {
      Workflow.await(() -> dependencies(run).allMatch(d -> d == null || d.state.isFinal()));
    } catch (CanceledFailure stopped) {
      skip(run, MAIN, stopReason());
      return;
    }
    String blocked = blockedBy(run);
    if (blocked != null) {
      skip(run, MAIN, blocked);
      return;
    }
    StepOutcome outcome = execute(run, MAIN);
    if (outcome == null || outcome.succeeded()) {
      return;
    }
    if (run.step.onFailure() == OnFailure.CONTINUE) {
      observations.add("step '" + run.id() + "' failed and the drill continued (onFailure: continue): "
          + outcome.error());
    } else {
      if (stepFailure == null) {
        stepFailure = "step '" + run.id() + "' failed: " + outcome.error();
      }
      stop("step '" + run.id() + "' failed");
    }
  }

  /** The steps a main step waits for: its {@code needs} and the step named by {@code from}. */
  private Stream<StepRun> dependencies(StepRun run) {
    Stream<String> ids = run.step.from() == null
        ? run.step.needs().stream()
        : Stream.concat(run.step.needs().stream(), Stream.of(run.step.from()));
    return ids.map(runs::get);
  }

  /** Why a main step whose dependencies have settled cannot run, or null when it can. */
  private String blockedBy(StepRun run) {
    Step step = run.step;
    if (step.from() != null) {
      StepRun from = runs.get(step.from());
      if (from == null || from.state != StepState.SUCCEEDED) {
        return "from step '" + step.from() + "' produced no output ("
            + (from == null ? "unknown step" : from.state.name().toLowerCase(Locale.ROOT)) + ")";
      }
    }
    for (String need : step.needs()) {
      StepRun dep = runs.get(need);
      if (dep == null) {
        return "needs unknown step '" + need + "'";
      }
      boolean tolerated = dep.state == StepState.FAILED && dep.step.onFailure() == OnFailure.CONTINUE;
      if (dep.state != StepState.SUCCEEDED && !tolerated) {
        return "needs step '" + need + "', which " + (dep.state == StepState.FAILED ? "failed" : "was "
            + dep.state.name().toLowerCase(Locale.ROOT));
      }
    }
    return null;
  }

  private DrillResult finish() {
    runCleanup();
    List<StepProgress> main = runs.values().stream().filter(r -> !r.cleanup).map(StepRun::progress).toList();
    Judgement judgement = VerdictRules.judge(main, objectives(), abortReason(), stepFailure, observations);
    verdict = judgement.verdict();
    evidence.record(EvidenceEvents.DRILL_COMPLETED, null, null, SYSTEM_ACTOR, Payload.of()
        .put("verdict", verdict.name())
        .put("achievedRtoMillis", judgement.rto().millis())
        .put("rtoMeasuredBy", judgement.rto().measuredBy())
        .put("achievedRpoMillis", judgement.rpo().millis())
        .put("rpoMeasuredBy", judgement.rpo().measuredBy())
        .put("observations", List.copyOf(observations))
        .put("failureReason", judgement.failureReason())
        .put("durationMillis", Workflow.currentTimeMillis() - startedAt)
        .map());
    log.info("drill={} tenant={} verdict={}", request.drillId(), request.tenant(), verdict);
    Workflow.await(Workflow::isEveryHandlerFinished);
    if (evidence.isBroken()) {
      EvidenceAppend refused = evidence.failedEvent();
      throw ApplicationFailure.newNonRetryableFailureWithCause("the evidence log refused event seq "
          + refused.seq() + " (" + refused.type() + "); the drill stopped after its cleanup",
          "EvidenceNotRecorded", evidence.failure());
    }
    evidence.anchor();
    return new DrillResult(request.drillId(), verdict, judgement.rto().millis(), judgement.rto().measuredBy(),
        judgement.rpo().millis(), judgement.rpo().measuredBy(), List.copyOf(observations),
        judgement.failureReason(), evidence.lastSeq(), evidence.lastHash());
  }

  /**
   * Every cleanup entry once, in order. One whose {@code from} step produced nothing has nothing to clean; if
   * that step started, it may still have left something behind, which the observation says.
   */
  private void runCleanup() {
    for (StepRun run : runs.values()) {
      if (!run.cleanup) {
        continue;
      }
      String fromId = run.step.from();
      StepRun from = fromId == null ? null : runs.get(fromId);
      if (fromId != null && (from == null || from.state != StepState.SUCCEEDED)) {
        boolean started = from != null && from.started();
        skip(run, CLEANUP, "from step '" + fromId + "' " + (started
            ? "ended " + from.state.name().toLowerCase(Locale.ROOT) + " without output"
            : "never ran"));
        if (started) {
          observations.add(leaked(run));
        }
        continue;
      }
      StepOutcome outcome = execute(run, CLEANUP);
      if (outcome != null && !outcome.succeeded()) {
        observations.add(leaked(run));
      }
    }
  }

  private static String leaked(StepRun run) {
    return "resource may have leaked: " + run.id();
  }

  /** Runs one step's action with its evidence; returns null when the step was cancelled. */
  private StepOutcome execute(StepRun run, Phase phase) {
    Step step = run.step;
    run.start(Workflow.currentTimeMillis());
    evidence.record(phase.started(), step.id(), step.raci(), SYSTEM_ACTOR, Payload.of()
        .put("action", step.action().yamlName())
        // Drills started before the provider was recorded replay with their events as they were written.
        .put("provider", Workflow.getVersion(STEP_PROVIDER, Workflow.DEFAULT_VERSION, 1) == 1 ? providerOf(step) : null)
        .put("resource", step.resource())
        .put("from", step.from())
        .put("needs", step.needs().isEmpty() ? null : step.needs())
        .map());
    StepOutcome outcome;
    try {
      outcome = perform(run);
    } catch (CanceledFailure cancelled) {
      run.end(StepState.CANCELLED, Workflow.currentTimeMillis(), stopReason());
      evidence.record(phase.cancelled(), step.id(), step.raci(), SYSTEM_ACTOR, Payload.of()
          .put("reason", stopReason())
          .put("durationMillis", run.durationMillis())
          .map());
      return null;
    }
    if (outcome.succeeded()) {
      run.outputs = outcome.outputs();
      run.end(StepState.SUCCEEDED, Workflow.currentTimeMillis(), null);
      evidence.record(phase.completed(), step.id(), step.raci(), SYSTEM_ACTOR, Payload.of()
          .put("outputs", outcome.outputs())
          .put("observations", outcome.observations())
          .put("durationMillis", run.durationMillis())
          .map());
      outcome.observations().forEach(o -> observations.add(step.id() + ": " + o));
    } else {
      run.end(StepState.FAILED, Workflow.currentTimeMillis(), outcome.error());
      Payload failed = Payload.of().put("error", outcome.error());
      outcome.details().forEach(failed::put);
      evidence.record(phase.failed(), step.id(), step.raci(), SYSTEM_ACTOR, failed
          .put("onFailure", run.cleanup ? null : step.onFailure().name().toLowerCase(Locale.ROOT))
          .put("durationMillis", run.durationMillis())
          .map());
    }
    return outcome;
  }

  /**
   * The provider that carries out the step ({@code local}, {@code aws}…), for the step-duration metric; "none"
   * for the actions drillbook does itself or waits on a person for.
   */
  private String providerOf(Step step) {
    Resource resource = step.resource() == null ? null : request.plan().resources().get(step.resource());
    return resource == null || resource.provider() == null ? NO_PROVIDER : resource.provider();
  }

  private StepOutcome perform(StepRun run) {
    return switch (run.step.action()) {
      case SNAPSHOT, RESTORE, VERIFY, FAILOVER, FAILBACK, EXPORT, IMPORT, DELETE ->
          actions.provider(run, run.step.from() == null ? null : runs.get(run.step.from()));
      case WAIT -> actions.await(run);
      case NOTIFY -> actions.notify(run);
      case APPROVAL, MANUAL -> gate.await(run);
    };
  }

  private void skip(StepRun run, Phase phase, String why) {
    run.end(StepState.SKIPPED, Workflow.currentTimeMillis(), why);
    evidence.record(phase.skipped(), run.id(), run.step.raci(), SYSTEM_ACTOR, Map.of("reason", why));
  }

  private Objectives objectives() {
    return Objects.requireNonNullElse(request.plan().objectives(), Objectives.NONE);
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  private String stopReason() {
    return Objects.requireNonNullElse(stopReason, "drill stopped");
  }

  private String abortReason() {
    if (abortRequest == null) {
      return null;
    }
    return "aborted by " + abortRequest.actor()
        + (abortRequest.reason() == null || abortRequest.reason().isBlank() ? "" : ": " + abortRequest.reason());
  }
}
