package io.drillbook.runtime;

/** The CLI's exit codes, documented in docs/cli.md. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Success; for a drill, PASSED or PASSED_WITH_OBSERVATIONS. */
  public static final int OK = 0;
  /** A usage error, an invalid plan, a failed evidence verification, a rejected request. */
  public static final int USAGE = 1;
  /** The drill ended FAILED. */
  public static final int DRILL_FAILED = 2;
  /** The drill was aborted. */
  public static final int DRILL_ABORTED = 3;
  /** A service drillbook needs (Temporal, the evidence database) cannot be reached or used. */
  public static final int ENVIRONMENT = 4;
  /** A bug in drillbook: the message names the log file with the details. */
  public static final int INTERNAL = 70;
}
