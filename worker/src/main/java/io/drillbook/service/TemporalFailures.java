package io.drillbook.service;

import io.drillbook.service.ServiceRefusal.Kind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.ApplicationFailure;

/** How the services read an exception from a Temporal call: a workflow's refusal, or Temporal not answering. */
final class TemporalFailures {
  private TemporalFailures() {}

  /** The workflow's own refusal (an update validator or handler threw), wherever the SDK wrapped it; or null. */
  static ApplicationFailure refusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a) {
        return a;
      }
    }
    return null;
  }

  /** Temporal itself did not answer (gRPC status errors), as opposed to the workflow refusing. */
  static boolean unreachable(RuntimeException e) {
    return e.getClass().getName().startsWith("io.grpc") || e.getCause() instanceof StatusRuntimeException;
  }

  /**
   * The refusal of a call that went unanswered: Temporal refusing the connection, or (a deadline passed) the
   * call reaching Temporal and no worker taking it, which is what a query of a workflow with no worker gets.
   */
  static ServiceRefusal unanswered(String subject, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return new ServiceRefusal(Kind.UNAVAILABLE, "no answer for " + subject + " before the deadline",
            "a drillbook worker answers it (`drillbook worker`, or `drillbook dev`): check that one runs on this"
            + " Temporal (TEMPORAL_ADDRESS) and that Temporal is not overloaded");
      }
    }
    return new ServiceRefusal(Kind.UNAVAILABLE, "Temporal did not answer for " + subject + ": " + e.getMessage(),
        "check that Temporal is running and reachable (TEMPORAL_ADDRESS)");
  }
}
