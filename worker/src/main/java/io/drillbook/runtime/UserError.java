package io.drillbook.runtime;

/**
 * An error the user can fix: its message says what is wrong, where, and how to fix it, and the CLI prints
 * it without a stack trace and exits with {@link #exitCode()}.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(String message) {
    this(message, ExitCodes.USAGE);
  }

  public int exitCode() {
    return exitCode;
  }
}
