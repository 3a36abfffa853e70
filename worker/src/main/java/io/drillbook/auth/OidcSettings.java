package io.drillbook.auth;

import java.net.URI;
import java.net.URL;
import java.util.Map;
import java.util.Optional;

/**
 * How OIDC bearer tokens are checked, from the environment: {@code DRILLBOOK_OIDC_JWKS_URL} (unset: OIDC is
 * off, only local API tokens work), {@code DRILLBOOK_OIDC_ISSUER} and {@code DRILLBOOK_OIDC_AUDIENCE} (both
 * required with it), and the claims that carry the caller's roles ({@code DRILLBOOK_OIDC_ROLES_CLAIM}, default
 * {@code roles}), tenant ({@code DRILLBOOK_OIDC_TENANT_CLAIM}, default {@code tenant}) and name
 * ({@code DRILLBOOK_OIDC_NAME_CLAIM}, default {@code preferred_username}). A claim name may be a dotted path
 * into nested objects, e.g. Keycloak's {@code realm_access.roles}.
 */
public record OidcSettings(URL jwksUrl, String issuer, String audience, String rolesClaim, String tenantClaim,
    String nameClaim) {

  /**
   * @return empty when OIDC is not configured
   * @throws IllegalArgumentException naming the variable to fix, when the configuration is incomplete
   */
  public static Optional<OidcSettings> fromEnvironment(Map<String, String> env) {
    String jwks = value(env, "DRILLBOOK_OIDC_JWKS_URL", null);
    if (jwks == null) {
      return Optional.empty();
    }
    URL url;
    try {
      url = URI.create(jwks).toURL();
    } catch (IllegalArgumentException | java.net.MalformedURLException e) {
      throw new IllegalArgumentException("DRILLBOOK_OIDC_JWKS_URL is not a URL: " + jwks);
    }
    String issuer = value(env, "DRILLBOOK_OIDC_ISSUER", null);
    String audience = value(env, "DRILLBOOK_OIDC_AUDIENCE", null);
    if (issuer == null || audience == null) {
      throw new IllegalArgumentException("DRILLBOOK_OIDC_JWKS_URL is set, so DRILLBOOK_OIDC_ISSUER and "
          + "DRILLBOOK_OIDC_AUDIENCE must be too: drillbook accepts only tokens issued by that issuer for that "
          + "audience");
    }
    return Optional.of(new OidcSettings(url, issuer, audience, value(env, "DRILLBOOK_OIDC_ROLES_CLAIM", "roles"),
        value(env, "DRILLBOOK_OIDC_TENANT_CLAIM", "tenant"), value(env, "DRILLBOOK_OIDC_NAME_CLAIM", "preferred_username")));
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }
}
