package io.drillbook.schedule;

import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.DrillResult;
import io.drillbook.drill.DrillWorkflow;
import io.drillbook.drill.StepDecision;
import io.drillbook.drill.StepState;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A stand-in {@link DrillWorkflow} for schedule tests: records when each drill started (workflow time) and
 * who started it, runs for the scripted time, returns the scripted verdict. Unscripted drills pass in a minute.
 * Registered through a factory that hands every instance the same {@link Script}.
 */
public final class ScriptedDrill implements DrillWorkflow {

  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(1);

  public record Start(String drillId, long atMillis, Trigger trigger, String actor) {}

  public record Run(Duration duration, Verdict verdict) {}

  /** What the drills do, in start order, and what they recorded. Shared by the test and the workers. */
  public static final class Script {
    private final Deque<Run> runs = new ArrayDeque<>();
    private final List<Start> starts = new ArrayList<>();

    public synchronized Script then(Duration duration, Verdict verdict) {
      runs.add(new Run(duration, verdict));
      return this;
    }

    public synchronized List<Start> starts() {
      return List.copyOf(starts);
    }

    synchronized Run started(Start start) {
      starts.add(start);
      return runs.isEmpty() ? new Run(DEFAULT_DURATION, Verdict.PASSED) : runs.poll();
    }
  }

  private final Script script;

  public ScriptedDrill(Script script) {
    this.script = script;
  }

  @Override
  public DrillResult run(DrillRequest request) {
    long startedAt = Workflow.currentTimeMillis();
    // A side effect, so a replay of this drill neither records its start again nor takes another script entry.
    Run run = Workflow.sideEffect(Run.class, () ->
        script.started(new Start(request.drillId(), startedAt, request.trigger(), request.actor())));
    Workflow.sleep(run.duration());
    return new DrillResult(request.drillId(), run.verdict(), null, null, null, null, List.of(),
        run.verdict() == Verdict.FAILED ? "scripted failure" : null, 0, null);
  }

  @Override
  public DrillProgress progress() {
    throw new UnsupportedOperationException("schedule tests do not follow drills");
  }

  @Override
  public StepState decide(StepDecision decision) {
    throw new UnsupportedOperationException("schedule tests do not decide steps");
  }

  @Override
  public void validateDecide(StepDecision decision) {
    throw new UnsupportedOperationException("schedule tests do not decide steps");
  }

  @Override
  public void abort(AbortRequest request) {
    throw new UnsupportedOperationException("schedule tests do not abort drills");
  }

  @Override
  public void validateAbort(AbortRequest request) {
    throw new UnsupportedOperationException("schedule tests do not abort drills");
  }
}
