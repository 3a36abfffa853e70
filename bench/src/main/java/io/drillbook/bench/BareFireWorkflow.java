package io.drillbook.bench;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The baseline of {@link SchedulesBench}: a workflow that waits on a timer until a given instant, then starts
 * a child workflow that does nothing (abandoned, like a schedule's drill) and returns the workflow time the
 * child had started at. No cron, no evidence, no overdue rule, no continue-as-new.
 */
@WorkflowInterface
public interface BareFireWorkflow {
  @WorkflowMethod
  long run(long fireAtMillis);

  /** True once the worker has run the workflow's first task: it is waiting on its timer. */
  @QueryMethod
  boolean armed();

  @WorkflowInterface
  interface Child {
    @WorkflowMethod
    void run();
  }

  final class Impl implements BareFireWorkflow {
    private boolean armed;

    @Override
    public long run(long fireAtMillis) {
      armed = true;
      long wait = fireAtMillis - Workflow.currentTimeMillis();
      if (wait > 0) {
        Workflow.sleep(Duration.ofMillis(wait));
      }
      Child child = Workflow.newChildWorkflowStub(Child.class, ChildWorkflowOptions.newBuilder()
          .setWorkflowId(Workflow.getInfo().getWorkflowId() + "-child")
          .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
          .build());
      Async.procedure(child::run);
      Workflow.getWorkflowExecution(child).get();
      return Workflow.currentTimeMillis();
    }

    @Override
    public boolean armed() {
      return armed;
    }
  }

  final class ChildImpl implements Child {
    @Override
    public void run() {
      // Nothing: what is measured is the parent's wake-up and the child's start.
    }
  }
}
