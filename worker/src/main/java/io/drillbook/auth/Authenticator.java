package io.drillbook.auth;

/**
 * Turns an {@code Authorization} header into a {@link Principal}: a local API token ({@code dbk_…}) is looked
 * up in the {@link TokenStore}, anything else is checked as an OIDC JWT when OIDC is configured.
 */
public final class Authenticator {
  private static final String BEARER = "Bearer ";
  private static final String HOW = "send `Authorization: Bearer TOKEN` with a token from `drillbook token create` "
      + "or from the identity provider";

  private final TokenStore tokens;
  private final OidcVerifier oidc;

  /** @param oidc null when OIDC is not configured */
  public Authenticator(TokenStore tokens, OidcVerifier oidc) {
    this.tokens = tokens;
    this.oidc = oidc;
  }

  /** @throws AuthenticationFailure without a bearer token or with one that is not valid */
  public Principal authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationFailure("this request carries no credentials", HOW);
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AuthenticationFailure("only bearer tokens are accepted", HOW);
    }
    String bearer = authorization.substring(BEARER.length()).trim();
    if (bearer.startsWith(TokenStore.PREFIX)) {
      return tokens.authenticate(bearer);
    }
    if (oidc == null) {
      throw new AuthenticationFailure("the bearer value is not a drillbook API token, and OIDC tokens are not "
          + "accepted here (DRILLBOOK_OIDC_JWKS_URL is not set)", HOW);
    }
    return oidc.verify(bearer);
  }
}
