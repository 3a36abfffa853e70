package io.drillbook.api;

import static io.drillbook.api.ApiFixture.TENANT_A;
import static io.drillbook.api.ApiFixture.TENANT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.api.ApiFixture.Response;
import io.drillbook.auth.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant isolation: every endpoint, for every role, with a token of tenant B aimed at tenant A's drill, plan,
 * schedule and tenant name. Everything is answered like something that does not exist (404), nothing changes, and
 * the listings of B hold nothing of A.
 */
class CrossTenantTest {
  @TempDir static Path home;
  static ApiFixture f;
  static String drillOfA;
  static String drillOfB;
  static String scheduleOfA;

  @BeforeAll
  static void start() throws Exception {
    f = new ApiFixture(home, Map.of());
    drillOfA = f.startWaitingDrill("a-exercise");
    drillOfB = f.startWaitingDrill("b-exercise");
    scheduleOfA = createSchedule("a-exercise");
    createSchedule("b-exercise");
  }

  private static String createSchedule(String plan) {
    String scheduler = f.token("planner", Role.SCHEDULER, null);
    Response created = f.post(scheduler, "/schedules", "{\"plan\": \"" + plan + "\", \"cron\": \"0 3 1 * *\"}");
    assertEquals(201, created.status(), created.toString());
    return created.body().get("scheduleId").asText();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** One request of the matrix: a method, a path, a body. */
  record Call(String method, String path, String body) {
    Response send(String token) {
      return switch (method) {
        case "GET" -> f.get(token, path);
        case "DELETE" -> f.delete(token, path);
        default -> f.post(token, path, body);
      };
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every endpoint, aimed at {@code drill}, {@code plan}, {@code schedule} (and their tenant for the listings). */
  static List<Call> everyEndpoint(String drill, String plan, String schedule, String tenant) {
    return List.of(
        new Call("GET", "/drills?tenant=" + tenant, null),
        new Call("GET", "/drills/" + drill, null),
        new Call("GET", "/drills/" + drill + "/events", null),
        new Call("GET", "/drills/" + drill + "/verification", null),
        new Call("POST", "/drills", "{\"plan\": \"" + plan + "\"}"),
        new Call("POST", "/drills/" + drill + "/steps/prepare/approve", "{}"),
        new Call("POST", "/drills/" + drill + "/steps/prepare/deny", "{}"),
        new Call("POST", "/drills/" + drill + "/steps/prepare/complete", "{}"),
        new Call("POST", "/drills/" + drill + "/abort", "{}"),
        new Call("GET", "/plans/" + plan + "/raci", null),
        new Call("GET", "/schedules?tenant=" + tenant, null),
        new Call("GET", "/schedules/" + schedule, null),
        new Call("POST", "/schedules", "{\"plan\": \"" + plan + "\", \"cron\": \"0 3 1 * *\"}"),
        new Call("POST", "/schedules/" + schedule + "/pause", "{\"reason\": \"freeze\"}"),
        new Call("POST", "/schedules/" + schedule + "/resume", "{}"),
        new Call("POST", "/schedules/" + schedule + "/trigger", "{}"),
        new Call("POST", "/schedules/" + schedule + "/cron", "{\"cron\": \"0 4 * * 1\"}"),
        new Call("DELETE", "/schedules/" + schedule, null));
  }

  @Test
  void everyRoleOfTenantBIsAnswered404ForEveryEndpointOnTenantA() {
    List<String> failures = new ArrayList<>();
    for (Role role : Role.values()) {
      // "oncall" stands in the RACI of the manual step, so a decision would pass the workflow's own check.
      String token = f.token("oncall", role, TENANT_B);
      for (Call call : everyEndpoint(drillOfA, "a-exercise", scheduleOfA, TENANT_A)) {
        Response r = call.send(token);
        if (r.status() != 404 || !"not_found".equals(r.error())) {
          failures.add(role + " " + call + " -> " + r);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void anotherTenantsDrillIsAnsweredLikeADrillThatDoesNotExist() {
    String viewer = f.token("head-nurse", Role.CLIENT_VIEWER, TENANT_B);
    Response other = f.get(viewer, "/drills/" + drillOfA);
    Response missing = f.get(viewer, "/drills/drl-00000000000000000000000000");
    assertEquals(missing.status(), other.status());
    assertEquals(missing.body().get("fix"), other.body().get("fix"));
    assertEquals(missing.body().get("detail").asText().replace("drl-00000000000000000000000000", drillOfA),
        other.body().get("detail").asText());
  }

  @Test
  void anotherTenantsScheduleIsAnsweredLikeAScheduleThatDoesNotExist() {
    String scheduler = f.token("planner", Role.SCHEDULER, TENANT_B);
    Response other = f.post(scheduler, "/schedules/" + scheduleOfA + "/pause", "{\"reason\": \"freeze\"}");
    Response missing = f.post(scheduler, "/schedules/sch-00000000000000000000000000/pause", "{\"reason\": \"freeze\"}");
    assertEquals(missing.status(), other.status());
    assertEquals(missing.body().get("fix"), other.body().get("fix"));
    assertEquals(missing.body().get("detail").asText().replace("sch-00000000000000000000000000", scheduleOfA),
        other.body().get("detail").asText());
  }

  @Test
  void listingsOfTenantBHoldNothingOfTenantA() {
    for (Role role : Role.values()) {
      String token = f.token("oncall", role, TENANT_B);
      Response drills = f.get(token, "/drills");
      assertEquals(200, drills.status(), role + ": " + drills);
      List<String> tenants = new ArrayList<>();
      drills.body().get("drills").forEach(d -> tenants.add(d.get("tenant").asText()));
      assertFalse(tenants.isEmpty(), role + " sees its own drill");
      assertTrue(tenants.stream().allMatch(TENANT_B::equals), role + ": " + tenants);

      Response plans = f.get(token, "/plans");
      assertEquals(200, plans.status(), role + ": " + plans);
      List<String> names = new ArrayList<>();
      plans.body().get("plans").forEach(p -> names.add(p.get("name").asText()));
      assertEquals(List.of("b-exercise"), names, role.toString());

      Response schedules = f.get(token, "/schedules");
      assertEquals(200, schedules.status(), role + ": " + schedules);
      List<String> scheduled = new ArrayList<>();
      schedules.body().get("schedules").forEach(s -> scheduled.add(s.get("tenant").asText()));
      assertEquals(List.of(TENANT_B), scheduled, role.toString());
    }
  }

  @Test
  void nothingOfTenantAChangedAndItsOwnCallersStillSeeIt() throws Exception {
    everyRoleOfTenantBIsAnswered404ForEveryEndpointOnTenantA();
    String viewerOfA = f.token("head-nurse", Role.CLIENT_VIEWER, TENANT_A);
    JsonNode progress = f.awaitStep(viewerOfA, drillOfA, "prepare", "WAITING");
    assertTrue(progress.get("verdict").isNull(), progress.toString());
    List<String> types = new ArrayList<>();
    f.get(viewerOfA, "/drills/" + drillOfA + "/events").body().get("events").forEach(e -> types.add(e.get("type").asText()));
    assertFalse(types.contains("manual.completed") || types.contains("drill.aborted") || types.contains("approval.denied"),
        types.toString());
    // Only the drills the setup started: tenant B's callers started nothing of A.
    String adminOfA = f.token("msp-manager", Role.MSP_ADMIN, TENANT_A);
    assertEquals(1, f.get(adminOfA, "/drills").body().get("drills").size());
    // Tenant A's schedule was neither paused, re-timed, triggered nor deleted: its stream holds its creation only.
    assertEquals(List.of("schedule.created"),
        f.runtime.evidence().events(scheduleOfA).stream().map(e -> e.type()).toList());
    assertEquals(200, f.get(viewerOfA, "/schedules/" + scheduleOfA).status());
    // A caller of every tenant reaches both, the same endpoints, with the same token format.
    String everyTenant = f.token("oncall", Role.MSP_OPERATOR, null);
    assertEquals(200, f.get(everyTenant, "/drills/" + drillOfA).status());
    assertEquals(200, f.get(everyTenant, "/drills/" + drillOfB).status());
  }
}
