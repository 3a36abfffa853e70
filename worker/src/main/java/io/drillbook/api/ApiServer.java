package io.drillbook.api;

import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.AuthenticationFailure;
import io.drillbook.auth.Authenticator;
import io.drillbook.auth.IdentityProviderUnavailable;
import io.drillbook.auth.OidcSettings;
import io.drillbook.auth.OidcVerifier;
import io.drillbook.auth.Principal;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStoreException;
import io.drillbook.portal.Portal;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.ExitCodes;
import io.drillbook.runtime.UserError;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.DrillService;
import io.drillbook.service.PlanLibrary;
import io.drillbook.service.ScheduleAccess;
import io.drillbook.service.ScheduleService;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.StepVerb;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@value #BASE} (docs/api.md, OpenAPI at {@code /api/v1/openapi.json}): JSON in and out,
 * every route but the OpenAPI document behind a bearer token, every error as
 * {@code {"error", "detail", "fix"}} with its status code and never a stack trace. Served by
 * {@code drillbook dev} and {@code drillbook worker --http}.
 */
public final class ApiServer implements AutoCloseable {
  public static final String BASE = "/api/v1";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** A route handler that runs for an authenticated caller only. */
  @FunctionalInterface
  interface Route {
    void handle(Context ctx, Principal who) throws Exception;
  }

  private final Javalin app;
  private final AuthDatabase auth;
  private final String address;

  private ApiServer(Javalin app, AuthDatabase auth, String address) {
    this.app = app;
    this.auth = auth;
    this.address = address;
  }

  /**
   * Serves the API for the runtime's evidence store and the drills of {@code drills}, with the tokens, OIDC and
   * plans directory its environment configures.
   *
   * @param host the interface to bind, e.g. 127.0.0.1 or 0.0.0.0
   * @param port 0 for any free port
   * @throws UserError when the port is taken or the OIDC or token configuration is unusable
   */
  public static ApiServer start(DrillbookRuntime runtime, DrillService drills, String host, int port) {
    Map<String, String> env = runtime.settings().env();
    OidcVerifier oidc;
    try {
      oidc = OidcSettings.fromEnvironment(env).map(OidcVerifier::new).orElse(null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), ExitCodes.USAGE);
    }
    AuthDatabase auth;
    try {
      auth = AuthDatabase.open(EvidenceConfig.fromEnvironment(env));
    } catch (RuntimeException e) {
      throw new UserError("cannot open the API token and portal session tables in " + runtime.evidenceDescription()
          + ": " + e.getMessage(), ExitCodes.ENVIRONMENT);
    }
    PlanLibrary plans = PlanLibrary.fromEnvironment(env, runtime.providers());
    DrillAccess access = new DrillAccess(runtime.evidence(), drills, plans);
    SchedulesApi schedules = new SchedulesApi(new ScheduleAccess(
        new ScheduleService(drills.client(), runtime.evidence()), plans));
    Authenticator authenticator = new Authenticator(auth.tokens(), oidc);
    Portal portal;
    try {
      portal = Portal.open(env, auth, runtime.evidence(), access, plans, oidc);
    } catch (UserError e) {
      auth.close();
      throw e;
    }
    Javalin app = Javalin.create(config -> {
      configure(config, authenticator, new DrillsApi(access), new PlansApi(plans), schedules);
      portal.routes(config);
      // Unauthenticated like every Prometheus target: bind the port to a private network (docs/metrics.md).
      config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(runtime.metrics().scrape()));
    });
    try {
      app.start(host, port);
    } catch (JavalinBindException e) {
      auth.close();
      throw new UserError("port " + port + " is already in use, so the HTTP API cannot listen on it: stop what uses "
          + "it or pass --http with another port", ExitCodes.ENVIRONMENT);
    }
    String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return new ApiServer(app, auth, "http://" + shown + ":" + app.port() + BASE);
  }

  private static void configure(JavalinConfig config, Authenticator auth, DrillsApi drills, PlansApi plans,
      SchedulesApi schedules) {
    config.startup.showJavalinBanner = false;
    config.concurrency.useVirtualThreads = true;
    config.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
    config.http.defaultContentType = "application/json";
    var routes = config.routes;
    routes.get(BASE + "/openapi.json", ApiServer::openApi);
    routes.get(BASE + "/drills", authenticated(auth, drills::list));
    routes.post(BASE + "/drills", authenticated(auth, drills::start));
    routes.get(BASE + "/drills/{id}", authenticated(auth, drills::get));
    routes.get(BASE + "/drills/{id}/events", authenticated(auth, drills::events));
    routes.get(BASE + "/drills/{id}/verification", authenticated(auth, drills::verification));
    routes.post(BASE + "/drills/{id}/steps/{step}/approve", authenticated(auth, drills.decide(StepVerb.APPROVE)));
    routes.post(BASE + "/drills/{id}/steps/{step}/deny", authenticated(auth, drills.decide(StepVerb.DENY)));
    routes.post(BASE + "/drills/{id}/steps/{step}/complete", authenticated(auth, drills.decide(StepVerb.COMPLETE)));
    routes.post(BASE + "/drills/{id}/abort", authenticated(auth, drills::abort));
    routes.get(BASE + "/plans", authenticated(auth, plans::list));
    routes.get(BASE + "/plans/{name}/raci", authenticated(auth, plans::raci));
    routes.get(BASE + "/schedules", authenticated(auth, schedules::list));
    routes.post(BASE + "/schedules", authenticated(auth, schedules::create));
    routes.get(BASE + "/schedules/{id}", authenticated(auth, schedules::get));
    routes.delete(BASE + "/schedules/{id}", authenticated(auth, schedules::delete));
    routes.post(BASE + "/schedules/{id}/pause", authenticated(auth, schedules::pause));
    routes.post(BASE + "/schedules/{id}/resume", authenticated(auth, schedules::resume));
    routes.post(BASE + "/schedules/{id}/trigger", authenticated(auth, schedules::trigger));
    routes.post(BASE + "/schedules/{id}/cron", authenticated(auth, schedules::changeCron));

    routes.exception(AuthenticationFailure.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer realm=\"drillbook\"");
      error(ctx, 401, "unauthorized", e.detail(), e.fix());
    });
    routes.exception(ServiceRefusal.class, (e, ctx) -> error(ctx, status(e.kind()), code(e.kind()), e.detail(), e.fix()));
    routes.exception(IdentityProviderUnavailable.class, (e, ctx) -> {
      log.warn("OIDC keys unavailable: {}", e.getMessage());
      error(ctx, 503, "unavailable", "the identity provider's keys cannot be fetched, so the token cannot be checked",
          "retry later; if it lasts, check DRILLBOOK_OIDC_JWKS_URL");
    });
    routes.exception(EvidenceStoreException.class, (e, ctx) -> {
      log.warn("evidence store unavailable for {} {}", ctx.method(), ctx.path(), e);
      error(ctx, 503, "unavailable", "the evidence database did not answer", "retry later");
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
        e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(), e.getMessage(), "see " + BASE + "/openapi.json"));
    routes.exception(Exception.class, (e, ctx) -> {
      String reference = UUID.randomUUID().toString();
      log.error("internal error {} on {} {}", reference, ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal", "an internal error occurred (reference " + reference + ")",
          "report it to the MSP with the reference; the server log has the details");
    });
  }

  /**
   * Authenticates the caller before the route runs; what a caller changes is logged with who it was, so the
   * server log holds refused attempts too (accepted ones are also in the drill's evidence).
   */
  private static io.javalin.http.Handler authenticated(Authenticator auth, Route route) {
    return ctx -> {
      Principal who = auth.authenticate(ctx.header("Authorization"));
      if (ctx.method() == HandlerType.GET) {
        route.handle(ctx, who);
        return;
      }
      try {
        route.handle(ctx, who);
        log.info("api {} {} by {} ({}): {}", ctx.method(), ctx.path(), who.name(), who.credential(), ctx.statusCode());
      } catch (RuntimeException e) {
        log.info("api {} {} by {} ({}) refused: {}", ctx.method(), ctx.path(), who.name(), who.credential(),
            e.getMessage());
        throw e;
      }
    };
  }

  private static void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApiDocument());
  }

  /** The OpenAPI 3.1 document of this API, as served. */
  static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document is missing from the jar", e);
    }
  }

  private static void error(Context ctx, int status, String code, String detail, String fix) {
    ctx.status(status).json(ApiJson.error(code, detail, fix));
  }

  private static int status(ServiceRefusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
    };
  }

  private static String code(ServiceRefusal.Kind kind) {
    return switch (kind) {
      case INVALID -> "bad_request";
      case NOT_FOUND -> "not_found";
      case FORBIDDEN -> "forbidden";
      case CONFLICT -> "conflict";
      case UNAVAILABLE -> "unavailable";
    };
  }

  /** The API's base URL, e.g. {@code http://127.0.0.1:8080/api/v1}. */
  public String address() {
    return address;
  }

  /** The client portal's URL, e.g. {@code http://127.0.0.1:8080/portal} (docs/portal.md). */
  public String portalAddress() {
    return address.substring(0, address.length() - BASE.length()) + Portal.BASE;
  }

  public int port() {
    return app.port();
  }

  /**
   * Every API route the server registered, as {@code METHOD PATH}: what the OpenAPI document must describe
   * ({@code /metrics} is for Prometheus, not part of the API).
   */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> e.endpoint.path.startsWith(BASE))
        .map(e -> e.endpoint.method + " " + e.endpoint.path).toList();
  }

  @Override
  public void close() {
    app.stop();
    auth.close();
  }
}
