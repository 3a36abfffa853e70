package io.drillbook.auth;

/**
 * The identity provider's signing keys (JWKS) could not be fetched, so no OIDC token can be checked: a fault
 * of the service, not of the caller (HTTP 503).
 */
public final class IdentityProviderUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IdentityProviderUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
