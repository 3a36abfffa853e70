package io.drillbook.api;

import static io.drillbook.api.ApiFixture.TENANT_A;
import static io.drillbook.api.ApiFixture.TENANT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.api.ApiFixture.Response;
import io.drillbook.auth.Role;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.schedule.ScheduleEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every {@code /schedules} route, used by each role on its own tenant: reads for every role, changes for
 * {@code scheduler} and {@code msp-admin} only, each change in the schedule's evidence with the caller as actor.
 * Schedules here fire at 03:00 on the 1st, so only a trigger starts a drill while the test runs.
 */
class SchedulesApiTest extends OneTokenPerRole {
  private static final String MONTHLY = "{\"plan\": \"a-exercise\", \"cron\": \"0 3 1 * *\", \"timezone\": \"Europe/Paris\"}";

  @Test
  void aSchedulerCreatesAScheduleThatEveryRoleOfItsTenantReads() {
    Response created = f.post(scheduler, "/schedules", MONTHLY);
    assertEquals(201, created.status(), created.toString());
    JsonNode body = created.body();
    String id = body.get("scheduleId").asText();
    assertEquals(List.of(ApiServer.BASE + "/schedules/" + id), created.headers().get("location"));
    assertEquals(TENANT_A, body.get("tenant").asText());
    assertEquals("a-exercise", body.get("plan").asText());
    assertEquals("PCA", body.get("planType").asText());
    assertEquals("planner", body.get("createdBy").asText());
    assertEquals("0 3 1 * *", body.get("cron").asText());
    assertEquals("Europe/Paris", body.get("timezone").asText());
    assertTrue(body.get("onTemporal").asBoolean());
    assertEquals("CRON", body.get("nextFireReason").asText());
    assertTrue(body.get("nextFireAt").asText().matches("\\d{4}-\\d\\d-01T0[12]:00:00Z"), body.toString());
    assertFalse(body.get("overdue").asBoolean());
    assertTrue(body.get("lastDrill").isNull());

    for (String reader : List.of(scheduler, admin, operator, viewer, approver)) {
      Response one = f.get(reader, "/schedules/" + id);
      assertEquals(200, one.status(), one.toString());
      assertEquals(0, one.body().get("recent").size());
      assertTrue(ids(f.get(reader, "/schedules")).contains(id), reader);
    }
    assertTrue(ids(f.get(viewer, "/schedules?tenant=" + TENANT_A)).contains(id));
    String viewerOfB = f.token("nurse-b", Role.CLIENT_VIEWER, TENANT_B);
    assertFalse(ids(f.get(viewerOfB, "/schedules")).contains(id));
  }

  @Test
  void aScheduleIsPausedResumedRetimedTriggeredAndDeletedEachChangeRecordedWithItsActor() throws Exception {
    String id = create(admin);

    Response noReason = f.post(scheduler, "/schedules/" + id + "/pause", "{}");
    assertEquals(400, noReason.status(), noReason.toString());
    assertTrue(noReason.body().get("detail").asText().startsWith("'reason' is missing"), noReason.toString());
    Response paused = f.post(scheduler, "/schedules/" + id + "/pause", "{\"reason\": \"change freeze\"}");
    assertEquals(200, paused.status(), paused.toString());
    assertTrue(paused.body().get("paused").asBoolean());
    assertEquals("change freeze", paused.body().get("pausedReason").asText());
    assertTrue(paused.body().get("nextFireAt").isNull());
    Response again = f.post(scheduler, "/schedules/" + id + "/pause", "{\"reason\": \"again\"}");
    assertEquals(409, again.status(), again.toString());
    assertTrue(again.body().get("detail").asText().contains("already paused"), again.toString());

    Response resumed = f.post(admin, "/schedules/" + id + "/resume", "");
    assertEquals(200, resumed.status(), resumed.toString());
    assertFalse(resumed.body().get("paused").asBoolean());

    Response badCron = f.post(scheduler, "/schedules/" + id + "/cron", "{\"cron\": \"0 3 1 * * *\"}");
    assertEquals(400, badCron.status(), badCron.toString());
    assertEquals("bad_request", badCron.error());
    assertTrue(badCron.body().get("detail").asText().startsWith("'cron': bad cron '0 3 1 * * *'"), badCron.toString());
    Response badZone = f.post(scheduler, "/schedules/" + id + "/cron", "{\"cron\": \"0 4 * * 1\", \"timezone\": \"Mars/Olympus\"}");
    assertEquals(400, badZone.status(), badZone.toString());
    assertTrue(badZone.body().get("detail").asText().startsWith("'timezone': unknown time zone 'Mars/Olympus'"),
        badZone.toString());
    Response noCron = f.post(scheduler, "/schedules/" + id + "/cron", "{\"timezone\": \"UTC\"}");
    assertEquals(400, noCron.status(), noCron.toString());
    Response weekly = f.post(scheduler, "/schedules/" + id + "/cron", "{\"cron\": \"0 4 * * 1\"}");
    assertEquals(200, weekly.status(), weekly.toString());
    assertEquals("0 4 * * 1", weekly.body().get("cron").asText());
    assertEquals("Europe/Paris", weekly.body().get("timezone").asText(), "the zone is kept when none is sent");

    Response triggered = f.post(scheduler, "/schedules/" + id + "/trigger", "");
    assertEquals(200, triggered.status(), triggered.toString());
    JsonNode fire = triggered.body().get("fire");
    assertEquals("STARTED", fire.get("outcome").asText());
    assertEquals("TRIGGER", fire.get("reason").asText());
    assertEquals("planner", fire.get("requestedBy").asText());
    String drill = fire.get("drillId").asText();
    Response shown = f.get(viewer, "/schedules/" + id);
    assertEquals(drill, shown.body().get("runningDrillId").asText());
    assertEquals(drill, shown.body().get("recent").get(0).get("drillId").asText());
    Response overlapping = f.post(scheduler, "/schedules/" + id + "/trigger", "");
    assertEquals(409, overlapping.status(), "overlap SKIP refuses a second drill: " + overlapping);

    Response deleted = f.delete(admin, "/schedules/" + id);
    assertEquals(200, deleted.status(), deleted.toString());
    assertEquals("msp-manager", deleted.body().get("deletedBy").asText());
    assertFalse(ids(f.get(scheduler, "/schedules")).contains(id));
    JsonNode gone = f.get(viewer, "/schedules/" + id).body();
    assertTrue(gone.get("deleted").asBoolean());
    assertEquals("msp-manager", gone.get("deletedBy").asText());
    Response afterDelete = f.post(scheduler, "/schedules/" + id + "/resume", "");
    assertEquals(409, afterDelete.status(), afterDelete.toString());
    assertTrue(afterDelete.body().get("detail").asText().contains("was deleted by msp-manager"), afterDelete.toString());

    List<String> changes = new ArrayList<>();
    for (EvidenceEvent e : f.runtime.evidence().events(id)) {
      changes.add(e.type() + " " + e.actor());
    }
    assertEquals(List.of(ScheduleEvents.CREATED + " msp-manager", ScheduleEvents.PAUSED + " planner",
        ScheduleEvents.RESUMED + " msp-manager", ScheduleEvents.CRON_CHANGED + " planner",
        ScheduleEvents.FIRED + " planner", ScheduleEvents.DELETED + " msp-manager"), changes);
    f.post(admin, "/drills/" + drill + "/abort", "{\"reason\": \"test over\"}");
  }

  @Test
  void onlyTheSchedulerAndMspAdminRolesChangeSchedulesAndARefusalChangesNothing() {
    String id = create(scheduler);
    List<String> failures = new ArrayList<>();
    for (String caller : List.of(operator, viewer, approver)) {
      for (Function<String, Response> change : changes(id)) {
        Response r = change.apply(caller);
        if (r.status() != 403 || !r.body().get("fix").asText().contains("msp-admin, scheduler")) {
          failures.add(r.toString());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(ScheduleEvents.CREATED),
        f.runtime.evidence().events(id).stream().map(EvidenceEvent::type).toList());
    JsonNode state = f.get(scheduler, "/schedules/" + id).body();
    assertFalse(state.get("paused").asBoolean());
    assertFalse(state.get("deleted").asBoolean());
    assertEquals("0 3 1 * *", state.get("cron").asText());
  }

  @Test
  void mistakesInACreationAreExplained() {
    Response noPlan = f.post(scheduler, "/schedules", "{\"cron\": \"0 3 1 * *\"}");
    assertEquals(400, noPlan.status(), noPlan.toString());
    Response noCron = f.post(scheduler, "/schedules", "{\"plan\": \"a-exercise\"}");
    assertEquals(400, noCron.status(), noCron.toString());
    assertTrue(noCron.body().get("detail").asText().contains("'cron' is missing and plan 'a-exercise' has no"
        + " metadata.schedule"), noCron.toString());
    Response neverFires = f.post(scheduler, "/schedules", "{\"plan\": \"a-exercise\", \"cron\": \"0 0 30 2 *\"}");
    assertEquals(400, neverFires.status(), neverFires.toString());
    assertTrue(neverFires.body().get("detail").asText().startsWith("'cron': cron '0 0 30 2 *' never fires"),
        neverFires.toString());
    Response broken = f.post(scheduler, "/schedules", "{\"plan\": \"a-broken\", \"cron\": \"0 3 1 * *\"}");
    assertEquals(409, broken.status(), broken.toString());
    Response unknown = f.post(scheduler, "/schedules", "{\"plan\": \"no-such-plan\", \"cron\": \"0 3 1 * *\"}");
    assertEquals(404, unknown.status(), unknown.toString());
    Response missing = f.get(viewer, "/schedules/sch-00000000000000000000000000");
    assertEquals(404, missing.status(), missing.toString());
    assertEquals(404, f.get(viewer, "/schedules/not-an-id").status());
    assertEquals(401, f.get(null, "/schedules").status());
  }

  /** Every change route, as a function of the caller's token. */
  static List<Function<String, Response>> changes(String id) {
    return List.of(
        token -> f.post(token, "/schedules", MONTHLY),
        token -> f.post(token, "/schedules/" + id + "/pause", "{\"reason\": \"maintenance\"}"),
        token -> f.post(token, "/schedules/" + id + "/resume", ""),
        token -> f.post(token, "/schedules/" + id + "/trigger", ""),
        token -> f.post(token, "/schedules/" + id + "/cron", "{\"cron\": \"0 4 * * 1\"}"),
        token -> f.delete(token, "/schedules/" + id));
  }

  private static String create(String token) {
    Response created = f.post(token, "/schedules", MONTHLY);
    assertEquals(201, created.status(), created.toString());
    return created.body().get("scheduleId").asText();
  }

  private static List<String> ids(Response list) {
    assertEquals(200, list.status(), list.toString());
    List<String> ids = new ArrayList<>();
    list.body().get("schedules").forEach(s -> ids.add(s.get("scheduleId").asText()));
    return ids;
  }
}
