package io.drillbook.auth;

/** The request carries no credential, or one that is not (or no longer) valid: HTTP 401. */
public final class AuthenticationFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String fix;

  public AuthenticationFailure(String detail, String fix) {
    super(detail);
    this.fix = fix;
  }

  public String detail() {
    return getMessage();
  }

  public String fix() {
    return fix;
  }
}
