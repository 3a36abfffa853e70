package io.drillbook.bench;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The baseline: a workflow that runs N no-op activities one after the other, with no evidence and no RACI. */
@WorkflowInterface
public interface BareStepWorkflow {
  @WorkflowMethod
  void run(int steps);

  @ActivityInterface
  interface NoOp {
    void step(int i);
  }

  final class Impl implements BareStepWorkflow {
    private final NoOp noOp = Workflow.newActivityStub(NoOp.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

    @Override
    public void run(int steps) {
      for (int i = 0; i < steps; i++) {
        noOp.step(i);
      }
    }
  }

  final class NoOpImpl implements NoOp {
    @Override
    public void step(int i) {
      // The baseline activity does nothing: what is measured is Temporal's own cost per step.
    }
  }
}
