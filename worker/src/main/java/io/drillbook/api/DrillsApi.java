package io.drillbook.api;

import io.drillbook.auth.Principal;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.StepState;
import io.drillbook.drill.Verdict;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.plan.PlanType;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.DrillView;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.ServiceRefusal.Kind;
import io.drillbook.service.StepVerb;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code /drills} resources: reads from the evidence store, actions through {@link DrillAccess}. */
final class DrillsApi {
  private static final int DEFAULT_LIMIT = 50;

  private final DrillAccess drills;

  DrillsApi(DrillAccess drills) {
    this.drills = drills;
  }

  void list(Context ctx, Principal who) {
    int limit = integer(ctx, "limit", DEFAULT_LIMIT, 1, DrillFilter.MAX_LIMIT);
    int offset = integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    DrillFilter filter = DrillFilter.all()
        .withTenant(ctx.queryParam("tenant"))
        .withPlan(ctx.queryParam("plan"))
        .withType(named(ctx, "type", PlanType.class))
        .withVerdict(named(ctx, "verdict", Verdict.class))
        .startedBetween(instant(ctx, "since"), instant(ctx, "until"))
        .page(limit, offset);
    List<DrillSummary> page = drills.list(who, filter);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drills", page);
    json.put("limit", limit);
    json.put("offset", offset);
    ctx.json(json);
  }

  void get(Context ctx, Principal who) {
    String id = ctx.pathParam("id");
    DrillView view = drills.view(who, id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drillId", id);
    json.put("summary", view.summary());
    json.put("progress", view.progress());
    ctx.json(json);
  }

  void events(Context ctx, Principal who) {
    String id = ctx.pathParam("id");
    ctx.json(ApiJson.events(id, drills.events(who, id).stream().map(EvidenceEvent::toJson).toList()));
  }

  void verification(Context ctx, Principal who) {
    ctx.json(ApiJson.verification(drills.verification(who, ctx.pathParam("id"))));
  }

  void start(Context ctx, Principal who) {
    String plan = ApiJson.text(ApiJson.body(ctx.body()), "plan");
    if (plan == null || plan.isBlank()) {
      throw new ServiceRefusal(Kind.INVALID, "the body names no plan", "send {\"plan\": \"NAME\"} with a plan name "
          + "from GET /api/v1/plans");
    }
    DrillRequest request = drills.start(who, plan);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drillId", request.drillId());
    json.put("plan", request.plan().metadata().name());
    json.put("tenant", request.tenant());
    json.put("planSha256", request.planSha256());
    json.put("startedBy", request.actor());
    ctx.status(201).header("Location", ApiServer.BASE + "/drills/" + request.drillId()).json(json);
  }

  /** The handler of one of approve, deny and complete. */
  ApiServer.Route decide(StepVerb verb) {
    return (ctx, who) -> {
      String id = ctx.pathParam("id");
      String step = ctx.pathParam("step");
      String comment = ApiJson.text(ApiJson.body(ctx.body()), "comment");
      StepState state = drills.decide(who, id, step, verb, comment);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("drillId", id);
      json.put("stepId", step);
      json.put("decision", verb.word());
      json.put("actor", who.name());
      json.put("state", state);
      ctx.json(json);
    };
  }

  void abort(Context ctx, Principal who) {
    String id = ctx.pathParam("id");
    String reason = ApiJson.text(ApiJson.body(ctx.body()), "reason");
    drills.abort(who, id, reason == null || reason.isBlank() ? "aborted through the API" : reason);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("drillId", id);
    json.put("state", "ABORTING");
    json.put("actor", who.name());
    ctx.status(202).json(json);
  }

  private static int integer(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ServiceRefusal(Kind.INVALID, "'" + name + "' is " + text, name + " must be a whole number from " + min
        + (max == Integer.MAX_VALUE ? "" : " to " + max));
  }

  private static <E extends Enum<E>> E named(Context ctx, String name, Class<E> type) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw new ServiceRefusal(Kind.INVALID, "'" + name + "' is " + text, name + " must be one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }

  private static Instant instant(Context ctx, String name) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ServiceRefusal(Kind.INVALID, "'" + name + "' is " + text, name + " must be an ISO-8601 UTC time, "
          + "e.g. 2026-11-03T00:00:00Z");
    }
  }
}
