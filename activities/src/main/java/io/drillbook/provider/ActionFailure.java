package io.drillbook.provider;

/**
 * A failure a driver explains: what went wrong, on which resource, and how to fix it. Its message goes into
 * the evidence and the CLI output, so it must never hold a secret or client data. Non-retryable by default:
 * a wrong password does not fix itself; use {@link #retryable} for transient causes.
 */
public class ActionFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public ActionFailure(String message) {
    this(message, false, null);
  }

  public ActionFailure(String message, Throwable cause) {
    this(message, false, cause);
  }

  private ActionFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public static ActionFailure retryable(String message, Throwable cause) {
    return new ActionFailure(message, true, cause);
  }

  public boolean isRetryable() {
    return retryable;
  }
}
