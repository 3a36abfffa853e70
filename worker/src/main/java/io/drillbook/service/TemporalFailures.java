package io.drillbook.service;

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
    return e.getClass().getName().startsWith("io.grpc") || e.getCause() instanceof io.grpc.StatusRuntimeException;
  }
}
