package io.drillbook.portal;

import io.drillbook.plan.DurationSyntax;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's options, from the environment (docs/portal.md):
 *
 * <ul>
 *   <li>{@code DRILLBOOK_PORTAL_URL}: the address users reach the portal at, e.g.
 *       {@code https://drillbook.msp.example}; an {@code https} URL makes the cookie {@code Secure}, and OIDC
 *       sign-in needs it for its redirect address (taken from configuration, never from a request's Host);
 *   <li>{@code DRILLBOOK_PORTAL_SECURE_COOKIE}: {@code true} to mark the cookie {@code Secure} in any case
 *       (it is also whenever the request came over https, directly or per {@code X-Forwarded-Proto});
 *   <li>{@code DRILLBOOK_PORTAL_SESSION_IDLE} (default 30m) and {@code DRILLBOOK_PORTAL_SESSION_MAX} (default
 *       12h): a session ends after that long without a request, and that long after sign-in in any case;
 *   <li>OIDC sign-in (authorization code with PKCE), on top of the API's {@code DRILLBOOK_OIDC_*}:
 *       {@code DRILLBOOK_OIDC_AUTHORIZATION_URL}, {@code DRILLBOOK_OIDC_TOKEN_URL},
 *       {@code DRILLBOOK_OIDC_CLIENT_ID}, optionally {@code DRILLBOOK_OIDC_CLIENT_SECRET} (a confidential
 *       client) and {@code DRILLBOOK_OIDC_SCOPE} (default {@code openid}).
 * </ul>
 *
 * @param oidc empty when OIDC sign-in is not configured: the portal then offers token sign-in only
 */
record PortalSettings(URI publicUrl, boolean secureCookie, Duration idleTimeout, Duration maxLifetime,
    Optional<OidcSignIn.Client> oidc) {

  static PortalSettings fromEnvironment(Map<String, String> env, boolean oidcVerification) {
    String url = value(env, "DRILLBOOK_PORTAL_URL");
    URI publicUrl = null;
    if (url != null) {
      publicUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"https".equals(publicUrl.getScheme()) && !"http".equals(publicUrl.getScheme())) {
        throw new IllegalArgumentException("DRILLBOOK_PORTAL_URL must be an http(s) URL, e.g. "
            + "https://drillbook.msp.example; it is " + url);
      }
    }
    boolean secure = "true".equalsIgnoreCase(value(env, "DRILLBOOK_PORTAL_SECURE_COOKIE"))
        || publicUrl != null && "https".equals(publicUrl.getScheme());
    return new PortalSettings(publicUrl, secure, duration(env, "DRILLBOOK_PORTAL_SESSION_IDLE", "30m"),
        duration(env, "DRILLBOOK_PORTAL_SESSION_MAX", "12h"), oidcClient(env, oidcVerification, publicUrl));
  }

  private static Optional<OidcSignIn.Client> oidcClient(Map<String, String> env, boolean oidcVerification,
      URI publicUrl) {
    String authorize = value(env, "DRILLBOOK_OIDC_AUTHORIZATION_URL");
    String token = value(env, "DRILLBOOK_OIDC_TOKEN_URL");
    String clientId = value(env, "DRILLBOOK_OIDC_CLIENT_ID");
    if (authorize == null && token == null && clientId == null) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    if (!oidcVerification) {
      missing.add("DRILLBOOK_OIDC_JWKS_URL (with DRILLBOOK_OIDC_ISSUER and DRILLBOOK_OIDC_AUDIENCE)");
    }
    if (authorize == null) {
      missing.add("DRILLBOOK_OIDC_AUTHORIZATION_URL");
    }
    if (token == null) {
      missing.add("DRILLBOOK_OIDC_TOKEN_URL");
    }
    if (clientId == null) {
      missing.add("DRILLBOOK_OIDC_CLIENT_ID");
    }
    if (publicUrl == null) {
      missing.add("DRILLBOOK_PORTAL_URL (the redirect address is built from it)");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("OIDC sign-in to the portal is half configured: set " + String.join(", ", missing)
          + ", or unset DRILLBOOK_OIDC_AUTHORIZATION_URL, DRILLBOOK_OIDC_TOKEN_URL and DRILLBOOK_OIDC_CLIENT_ID");
    }
    String scope = value(env, "DRILLBOOK_OIDC_SCOPE");
    return Optional.of(new OidcSignIn.Client(URI.create(authorize), URI.create(token), clientId,
        value(env, "DRILLBOOK_OIDC_CLIENT_SECRET"), scope == null ? "openid" : scope,
        URI.create(publicUrl + Portal.BASE + "/signin/oidc/callback")));
  }

  private static Duration duration(Map<String, String> env, String name, String fallback) {
    String text = value(env, name);
    Duration d = DurationSyntax.parse(text == null ? fallback : text).orElseThrow(() ->
        new IllegalArgumentException(name + " is '" + text + "': " + DurationSyntax.HINT));
    if (d.isZero()) {
      throw new IllegalArgumentException(name + " must be longer than zero");
    }
    return d;
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }
}
