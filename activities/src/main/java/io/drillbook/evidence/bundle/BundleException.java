package io.drillbook.evidence.bundle;

/**
 * A bundle cannot be made or read, for a reason the person running the command can fix (unknown drill, unreadable
 * key, missing file). The message says what is wrong and how to fix it; the CLI prints it without a stack trace.
 * A bundle that is readable but does not verify is not an exception: see {@link BundleVerification}.
 */
public final class BundleException extends RuntimeException {

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
