package io.drillbook.portal;

import io.drillbook.evidence.report.ReportLanguage;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The portal's cookies, all HttpOnly (no script reads them; there is no script) and {@code Secure} when
 * configured or when the request came over https. SameSite is Lax rather than Strict: the identity provider
 * sends the user back with a cross-site navigation, which must carry the sign-in cookie, and Lax still keeps
 * the cookies off cross-site form posts (which the CSRF token refuses anyway).
 */
final class PortalCookies {
  static final String SESSION = "drillbook_session";
  /** The sign-in form's CSRF token (double submit: the form and this cookie must agree). */
  static final String SIGN_IN = "drillbook_signin";
  /** The OIDC state of a sign-in in progress, tying the provider's answer to this browser. */
  static final String OIDC_STATE = "drillbook_oidc";
  static final String LANGUAGE = "drillbook_lang";
  private static final int ONE_YEAR = 365 * 24 * 3600;

  private final PortalSettings settings;

  PortalCookies(PortalSettings settings) {
    this.settings = settings;
  }

  /** The session cookie: no Max-Age, so it ends with the browser; the server ends it sooner when idle. */
  void session(Context ctx, String id) {
    set(ctx, SESSION, id, -1);
  }

  void signInForm(Context ctx, String token) {
    set(ctx, SIGN_IN, token, 1800);
  }

  void oidcState(Context ctx, String state) {
    set(ctx, OIDC_STATE, state, (int) SessionStore.LOGIN_WINDOW.toSeconds());
  }

  void language(Context ctx, ReportLanguage lang) {
    set(ctx, LANGUAGE, lang.code(), ONE_YEAR);
  }

  void clear(Context ctx, String name) {
    set(ctx, name, "", 0);
  }

  private void set(Context ctx, String name, String value, int maxAge) {
    ctx.cookie(new Cookie(name, value, Portal.BASE, maxAge, secure(ctx), true, null, SameSite.LAX));
  }

  /** Whether cookies get the {@code Secure} flag on this request. */
  boolean secure(Context ctx) {
    return settings.secureCookie() || overHttps(ctx);
  }

  /** Whether the request came over https, directly or through a proxy that says so ({@code X-Forwarded-Proto}). */
  static boolean overHttps(Context ctx) {
    return "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }
}
