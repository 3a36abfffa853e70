package io.drillbook.portal;

import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.AuthenticationFailure;
import io.drillbook.auth.IdentityProviderUnavailable;
import io.drillbook.auth.OidcVerifier;
import io.drillbook.auth.Principal;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.EvidenceStoreException;
import io.drillbook.evidence.bundle.BundleException;
import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.portal.view.ErrorView;
import io.drillbook.portal.view.Frame;
import io.drillbook.portal.view.PortalText;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.PlanLibrary;
import io.drillbook.service.ServiceRefusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The client portal (docs/portal.md): server-rendered pages under {@value #BASE} on the API's server, for people
 * rather than scripts. It reads and acts through the same {@link DrillAccess} as the API, so tenant scoping, role
 * checks and the RACI check of decisions are the API's own. Every page carries the security headers; every form
 * a CSRF token; every error is a page saying what happened and what to do.
 */
public final class Portal {
  public static final String BASE = "/portal";
  static final String CSRF_FIELD = "csrf";

  // No script at all, styles from our own stylesheet only, forms posting back here only, never framed.
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";
  private static final Logger log = LoggerFactory.getLogger(Portal.class);

  /** A page handler, given the request's language, frame and (on signed-in pages) session. */
  @FunctionalInterface
  interface Page {
    void handle(Context ctx, PortalRequest request) throws Exception;
  }

  private final SessionStore sessions;
  private final PortalCookies cookies;
  private final Templates templates = new Templates();
  private final DrillPages drills;
  private final SignIn signIn;
  private final OidcSignIn oidc;
  private final byte[] stylesheet;

  private Portal(PortalSettings settings, SessionStore sessions, DrillAccess access, EvidenceStore evidence,
      PlanLibrary plans, TokenStore tokens, OidcVerifier verifier, Map<String, String> env) {
    this.sessions = sessions;
    this.cookies = new PortalCookies(settings);
    this.drills = new DrillPages(access, evidence, new Inbox(access, plans), templates, env);
    this.signIn = new SignIn(tokens, sessions, cookies, templates, settings.oidc().isPresent());
    this.oidc = settings.oidc().map(client -> new OidcSignIn(client, verifier, sessions, signIn, cookies)).orElse(null);
    this.stylesheet = resource("portal.css");
  }

  /**
   * Readies the portal on the API's auth database (tokens, and the sessions it keeps there); {@link #routes}
   * then mounts it.
   *
   * @param verifier the API's OIDC verifier, null when OIDC is off
   * @throws UserError when a portal setting is wrong
   */
  public static Portal open(Map<String, String> env, AuthDatabase auth, EvidenceStore evidence, DrillAccess access,
      PlanLibrary plans, OidcVerifier verifier) {
    PortalSettings settings;
    try {
      settings = PortalSettings.fromEnvironment(env, verifier != null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), ExitCodes.USAGE);
    }
    return new Portal(settings, SessionStore.on(auth, settings), access, evidence, plans, auth.tokens(), verifier, env);
  }

  /** Registers the portal's routes; the last ones answer every other portal address with a 404 page. */
  public void routes(JavalinConfig config) {
    var routes = config.routes;
    routes.get(BASE + "/static/portal.css", ctx -> {
      securityHeaders(ctx);
      ctx.header("Cache-Control", "public, max-age=3600").contentType("text/css; charset=utf-8").result(stylesheet);
    });
    routes.get(BASE, ctx -> ctx.redirect(BASE + "/drills", HttpStatus.SEE_OTHER));
    routes.get(BASE + "/signin", page(false, "", signIn::form));
    routes.post(BASE + "/signin", page(false, "", signIn::withToken));
    routes.post(BASE + "/signout", page(true, "", signIn::signOut));
    if (oidc != null) {
      routes.get(BASE + "/signin/oidc", page(false, "", oidc::start));
      routes.get(BASE + "/signin/oidc/callback", page(false, "", oidc::callback));
    }
    routes.get(BASE + "/drills", page(true, "drills", drills::list));
    routes.get(BASE + "/drills/{id}", page(true, "drills", drills::drill));
    routes.get(BASE + "/drills/{id}/bundle.zip", page(true, "drills", drills::bundle));
    routes.post(BASE + "/drills/{id}/steps/{step}/decide", page(true, "approvals", drills::decide));
    routes.get(BASE + "/approvals", page(true, "approvals", drills::approvals));
    Handler missing = page(false, "", (ctx, r) -> {
      throw new PageError(404, PortalText.ERROR_NOT_FOUND, r.frame().t(PortalText.NO_PAGE),
          r.frame().t(PortalText.NO_PAGE_FIX));
    });
    routes.get(BASE + "/<rest>", missing);
    routes.post(BASE + "/<rest>", missing);
  }

  /**
   * Wraps a page: security headers, language, session (a signed-in page without one sends a browser to the
   * sign-in page, and refuses a form), CSRF check of every form, and errors as pages.
   */
  private Handler page(boolean signedIn, String nav, Page page) {
    return ctx -> {
      securityHeaders(ctx);
      ReportLanguage lang = PortalLanguage.choose(ctx, cookies);
      PortalSession session = null;
      RuntimeException noSessions = null;
      if (signedIn) {
        try {
          session = sessions.find(ctx.cookie(PortalCookies.SESSION), Instant.now()).orElse(null);
        } catch (SessionStore.Unavailable e) {
          noSessions = e;
        }
      }
      PortalRequest request = new PortalRequest(lang, session, frame(ctx, lang, session, nav));
      // The log line fields drill=, step=, tenant= (logback.xml), for every line this request logs.
      Map<String, String> path = ctx.pathParamMap();
      logField("drillId", path.get("id"));
      logField("stepId", path.get("step"));
      logField("tenant", session == null ? null : session.principal().tenant());
      try {
        if (noSessions != null) {
          throw noSessions;
        }
        if (signedIn && session == null) {
          if (ctx.method() == HandlerType.GET) {
            ctx.redirect(BASE + "/signin?next=" + java.net.URLEncoder.encode(PortalRequest.pathOf(ctx),
                StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            return;
          }
          throw new PageError(401, PortalText.ERROR_SIGN_IN, request.frame().t(PortalText.SESSION_ENDED),
              request.frame().t(PortalText.SIGN_IN_AGAIN));
        }
        if (signedIn && ctx.method() == HandlerType.POST && !sameToken(ctx.formParam(CSRF_FIELD), session.csrf())) {
          throw csrfRefused(request.frame());
        }
        page.handle(ctx, request);
      } catch (Exception e) {
        error(ctx, request, e);
      } finally {
        MDC.remove("drillId");
        MDC.remove("stepId");
        MDC.remove("tenant");
      }
    };
  }

  private static void logField(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  static PageError csrfRefused(Frame frame) {
    return new PageError(403, PortalText.ERROR_CSRF, frame.t(PortalText.CSRF_DETAIL), frame.t(PortalText.CSRF_FIX));
  }

  /** Compares a presented token with the expected one in constant time; a missing one never matches. */
  static boolean sameToken(String presented, String expected) {
    return presented != null && expected != null && MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private void error(Context ctx, PortalRequest request, Exception e) {
    Frame frame = request.frame();
    ErrorView view = switch (e) {
      case PageError p -> new ErrorView(frame, p.status(), frame.t(p.heading()), p.detail(), p.fix());
      case ServiceRefusal r -> refusal(frame, r);
      case AuthenticationFailure a -> new ErrorView(frame, 401, frame.t(PortalText.ERROR_SIGN_IN), a.detail(), a.fix());
      case BundleException b -> new ErrorView(frame, 409, frame.t(PortalText.ERROR_CONFLICT), b.getMessage(), null);
      case IdentityProviderUnavailable u -> {
        log.warn("portal: identity provider unavailable: {}", u.getMessage());
        yield new ErrorView(frame, 503, frame.t(PortalText.ERROR_UNAVAILABLE), "the identity provider did not answer",
            "retry in a moment; if it lasts, tell the MSP (DRILLBOOK_OIDC_* settings)");
      }
      case SessionStore.Unavailable s -> {
        log.warn("portal: session table unavailable for {} {}", ctx.method(), ctx.path(), s);
        yield new ErrorView(frame, 503, frame.t(PortalText.ERROR_UNAVAILABLE), "the database that keeps sign-ins did "
            + "not answer", "retry in a moment");
      }
      case EvidenceStoreException s -> {
        log.warn("portal: evidence store unavailable for {} {}", ctx.method(), ctx.path(), s);
        yield new ErrorView(frame, 503, frame.t(PortalText.ERROR_UNAVAILABLE), "the evidence database did not answer",
            "retry in a moment");
      }
      default -> {
        String reference = UUID.randomUUID().toString();
        log.error("portal: internal error {} on {} {}", reference, ctx.method(), ctx.path(), e);
        yield new ErrorView(frame, 500, frame.t(PortalText.ERROR_INTERNAL), "an internal error occurred (reference "
            + reference + ")", "tell the MSP this reference; the server log has the details");
      }
    };
    if (view.status() == 403 || view.status() == 401) {
      Principal who = request.session() == null ? null : request.session().principal();
      log.info("portal {} {} by {} refused: {}", ctx.method(), ctx.path(), who == null ? "nobody" : who.name()
          + " (" + who.credential() + ")", view.detail());
    }
    ctx.status(view.status());
    templates.render(ctx, "error.jte", view);
  }

  private static ErrorView refusal(Frame frame, ServiceRefusal r) {
    return switch (r.kind()) {
      case INVALID -> new ErrorView(frame, 400, frame.t(PortalText.ERROR_INVALID), r.detail(), r.fix());
      case NOT_FOUND -> new ErrorView(frame, 404, frame.t(PortalText.ERROR_NOT_FOUND), r.detail(),
          frame.t(PortalText.NO_PAGE_FIX));
      case FORBIDDEN -> new ErrorView(frame, 403, frame.t(PortalText.ERROR_FORBIDDEN), r.detail(), r.fix());
      case CONFLICT -> new ErrorView(frame, 409, frame.t(PortalText.ERROR_CONFLICT), r.detail(), r.fix());
      case UNAVAILABLE -> new ErrorView(frame, 503, frame.t(PortalText.ERROR_UNAVAILABLE), r.detail(), r.fix());
    };
  }

  private static Frame frame(Context ctx, ReportLanguage lang, PortalSession session, String nav) {
    String user = null;
    if (session != null) {
      Principal who = session.principal();
      user = PortalText.SIGNED_IN_AS.in(lang, who.name(), who.roleNames()) + " · "
          + (who.tenant() == null ? PortalText.ALL_TENANTS.in(lang) : who.tenant());
    }
    // A language switch on a form's answer goes to the drills: the form's address answers POST only.
    String path = ctx.method() == HandlerType.GET ? PortalRequest.pathWithoutLanguage(ctx) : BASE + "/drills";
    return new Frame(lang, PortalText.PORTAL.in(lang), user, session == null ? null : session.csrf(), path, nav);
  }

  static void securityHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    if (PortalCookies.overHttps(ctx)) {
      // Browsers take it only from an https answer; a year, as the portal is never meant to be served in clear.
      ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = Portal.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the portal's " + name + " is missing from the jar", e);
    }
  }
}
