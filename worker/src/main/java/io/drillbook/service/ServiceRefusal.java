package io.drillbook.service;

import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;

/**
 * A request the service layer turns down, with what kind of refusal it is: the CLI prints it like any
 * {@link UserError} ({@code detail: fix}), the HTTP API maps the kind to a status code and sends detail and
 * fix as separate fields.
 */
public final class ServiceRefusal extends UserError {
  private static final long serialVersionUID = 1L;

  /** Why the request is refused; each maps to one HTTP status. */
  public enum Kind {
    /** The request itself is malformed (400). */
    INVALID,
    /** No such drill or plan, or one of a tenant the caller may not see: the two look the same (404). */
    NOT_FOUND,
    /** The caller's role, or the step's RACI, does not allow the action (403). */
    FORBIDDEN,
    /** The drill or plan is not in a state that allows it (409). */
    CONFLICT,
    /** Temporal or the evidence database did not answer (503). */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String detail;
  private final String fix;

  /** @param fix how to get what was asked for, or null when there is nothing to suggest */
  public ServiceRefusal(Kind kind, String detail, String fix) {
    super(fix == null ? detail : detail + ": " + fix, kind == Kind.UNAVAILABLE ? ExitCodes.ENVIRONMENT : ExitCodes.USAGE);
    this.kind = kind;
    this.detail = detail;
    this.fix = fix;
  }

  public Kind kind() {
    return kind;
  }

  public String detail() {
    return detail;
  }

  public String fix() {
    return fix;
  }
}
