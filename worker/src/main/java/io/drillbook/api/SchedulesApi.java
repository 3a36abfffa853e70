package io.drillbook.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.auth.Principal;
import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.schedule.FireRecord;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ScheduleAccess;
import io.drillbook.service.ScheduleView;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.ServiceRefusal.Kind;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code /schedules} resources: reads and changes through {@link ScheduleAccess}. A schedule is shown as
 * its evidence records it (plan, creation, deletion) merged with its workflow's live state (next fire,
 * overdue, last drill and verdict); {@code onTemporal} is false, and the live members are left out, when the
 * Temporal service no longer knows it.
 */
final class SchedulesApi {
  private final ScheduleAccess schedules;

  SchedulesApi(ScheduleAccess schedules) {
    this.schedules = schedules;
  }

  void list(Context ctx, Principal who) {
    ctx.json(Map.of("schedules", schedules.list(who, ctx.queryParam("tenant")).stream()
        .map(v -> schedule(v, false)).toList()));
  }

  void get(Context ctx, Principal who) {
    ctx.json(schedule(schedules.view(who, ctx.pathParam("id")), true));
  }

  void create(Context ctx, Principal who) {
    JsonNode body = ApiJson.body(ctx.body());
    String plan = ApiJson.text(body, "plan");
    if (plan == null || plan.isBlank()) {
      throw new ServiceRefusal(Kind.INVALID, "the body names no plan", "send {\"plan\": \"NAME\"} with a plan name "
          + "from GET /api/v1/plans, and optionally \"cron\" and \"timezone\"");
    }
    ScheduleView created = schedules.create(who, plan, ApiJson.text(body, "cron"), ApiJson.text(body, "timezone"));
    ctx.status(201).header("Location", ApiServer.BASE + "/schedules/" + created.recorded().scheduleId())
        .json(schedule(created, true));
  }

  void pause(Context ctx, Principal who) {
    String reason = ApiJson.text(ApiJson.body(ctx.body()), "reason");
    ctx.json(live(schedules.pause(who, ctx.pathParam("id"), reason)));
  }

  void resume(Context ctx, Principal who) {
    ctx.json(live(schedules.resume(who, ctx.pathParam("id"))));
  }

  void trigger(Context ctx, Principal who) {
    String id = ctx.pathParam("id");
    FireRecord fire = schedules.trigger(who, id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scheduleId", id);
    json.put("fire", fire(fire));
    ctx.json(json);
  }

  void changeCron(Context ctx, Principal who) {
    JsonNode body = ApiJson.body(ctx.body());
    ctx.json(live(schedules.changeCron(who, ctx.pathParam("id"), ApiJson.text(body, "cron"),
        ApiJson.text(body, "timezone"))));
  }

  void delete(Context ctx, Principal who) {
    String id = ctx.pathParam("id");
    schedules.delete(who, id);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scheduleId", id);
    json.put("deleted", true);
    json.put("deletedBy", who.name());
    ctx.json(json);
  }

  /** A schedule as listed ({@code withFires} false) or shown (with its last fires). */
  private static Map<String, Object> schedule(ScheduleView view, boolean withFires) {
    ScheduleSummary recorded = view.recorded();
    ScheduleState state = view.live();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scheduleId", recorded.scheduleId());
    json.put("tenant", recorded.tenant());
    json.put("plan", recorded.planName());
    json.put("planType", recorded.planType());
    json.put("planSha256", recorded.planSha256());
    json.put("createdBy", recorded.createdBy());
    json.put("createdAt", recorded.createdAt());
    json.put("deleted", recorded.deleted());
    json.put("deletedBy", recorded.deletedBy());
    json.put("deletedAt", recorded.deletedAt());
    json.put("onTemporal", state != null);
    json.put("cron", state != null ? state.cron() : recorded.cron());
    json.put("timezone", state != null ? state.timezone() : recorded.timezone());
    if (state != null) {
      json.putAll(liveMembers(state, withFires));
    }
    return json;
  }

  /** What an Update answers: the schedule's live state. */
  private static Map<String, Object> live(ScheduleState state) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scheduleId", state.scheduleId());
    json.put("cron", state.cron());
    json.put("timezone", state.timezone());
    json.putAll(liveMembers(state, false));
    return json;
  }

  private static Map<String, Object> liveMembers(ScheduleState s, boolean withFires) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("overlap", s.overlap());
    json.put("paused", s.paused());
    json.put("pausedReason", s.pausedReason());
    json.put("nextFireAt", instant(s.nextFireAtMillis()));
    json.put("nextFireReason", s.nextFireReason());
    json.put("overdue", s.overdue());
    json.put("overdueAt", instant(s.overdueAtMillis()));
    Map<String, Object> last = null;
    if (s.lastDrillId() != null) {
      last = new LinkedHashMap<>();
      last.put("drillId", s.lastDrillId());
      last.put("verdict", s.lastVerdict());
      last.put("firedAt", instant(s.lastFiredAtMillis()));
    }
    json.put("lastDrill", last);
    json.put("lastPassedAt", instant(s.lastPassedAtMillis()));
    json.put("runningDrillId", s.runningDrillId());
    json.put("queued", s.queued());
    json.put("fires", s.fires());
    json.put("skipped", s.skipped());
    json.put("retestDueBy", instant(s.retestDueByMillis()));
    if (withFires) {
      json.put("recent", s.recent().stream().map(SchedulesApi::fire).toList());
    }
    return json;
  }

  private static Map<String, Object> fire(FireRecord f) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("reason", f.reason());
    json.put("requestedBy", f.requestedBy());
    json.put("dueAt", instant(f.dueAtMillis()));
    json.put("at", instant(f.atMillis()));
    json.put("outcome", f.outcome());
    json.put("drillId", f.drillId());
    json.put("verdict", f.verdict());
    json.put("endedAt", instant(f.endedAtMillis()));
    json.put("note", f.note());
    return json;
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
