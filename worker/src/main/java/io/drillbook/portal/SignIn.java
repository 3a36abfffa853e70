package io.drillbook.portal;

import io.drillbook.auth.AuthenticationFailure;
import io.drillbook.auth.Principal;
import io.drillbook.auth.TokenStore;
import io.drillbook.portal.view.PortalText;
import io.drillbook.portal.view.SignInView;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signing in with an API token, opening a session for any way of signing in, and signing out. */
final class SignIn {
  private static final Logger log = LoggerFactory.getLogger(SignIn.class);

  private final TokenStore tokens;
  private final SessionStore sessions;
  private final PortalCookies cookies;
  private final Templates templates;
  private final boolean oidc;

  SignIn(TokenStore tokens, SessionStore sessions, PortalCookies cookies, Templates templates, boolean oidc) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.cookies = cookies;
    this.templates = templates;
    this.oidc = oidc;
  }

  void form(Context ctx, PortalRequest r) {
    String message = ctx.queryParam("signedout") != null ? r.frame().t(PortalText.SIGNED_OUT) : null;
    showForm(ctx, r, message);
  }

  private void showForm(Context ctx, PortalRequest r, String message) {
    String token = SessionStore.randomToken();
    cookies.signInForm(ctx, token);
    templates.render(ctx, "signin.jte", new SignInView(r.frame().titled(r.frame().t(PortalText.SIGN_IN_TITLE)),
        token, next(ctx.queryParam("next")), oidc, message));
  }

  void withToken(Context ctx, PortalRequest r) {
    if (!Portal.sameToken(ctx.formParam(Portal.CSRF_FIELD), ctx.cookie(PortalCookies.SIGN_IN))) {
      throw Portal.csrfRefused(r.frame());
    }
    String token = ctx.formParam("token");
    Principal who;
    try {
      if (token == null || !token.trim().startsWith(TokenStore.PREFIX)) {
        throw new AuthenticationFailure("this is not a drillbook API token",
            "paste the whole token you were given (dbk_….…), or sign in with the identity provider");
      }
      who = tokens.authenticate(token.trim());
    } catch (AuthenticationFailure e) {
      log.info("portal sign-in refused: {}", e.detail());
      ctx.status(401);
      showForm(ctx, r, e.detail() + ". " + e.fix());
      return;
    }
    cookies.clear(ctx, PortalCookies.SIGN_IN);
    open(ctx, who, ctx.formParam("next"));
  }

  /** Opens a session for {@code who}, replacing any the browser had, and goes on to {@code next}. */
  void open(Context ctx, Principal who, String next) {
    sessions.close(ctx.cookie(PortalCookies.SESSION));
    PortalSession session = sessions.open(who, Instant.now());
    cookies.session(ctx, session.id());
    log.info("portal sign-in by {} ({})", who.name(), who.credential());
    ctx.redirect(next(next), HttpStatus.SEE_OTHER);
  }

  void signOut(Context ctx, PortalRequest r) {
    sessions.close(r.session().id());
    cookies.clear(ctx, PortalCookies.SESSION);
    log.info("portal sign-out by {} ({})", r.who().name(), r.who().credential());
    ctx.redirect(Portal.BASE + "/signin?signedout", HttpStatus.SEE_OTHER);
  }

  /** A portal page to go to, never another site: anything else goes to the drills. */
  static String next(String next) {
    boolean local = next != null && next.startsWith(Portal.BASE + "/") && !next.startsWith("//")
        && !next.contains("\\") && !next.startsWith(Portal.BASE + "/signin") && next.length() < 1000;
    return local ? next : Portal.BASE + "/drills";
  }
}
