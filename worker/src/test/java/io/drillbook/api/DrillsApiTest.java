package io.drillbook.api;

import static io.drillbook.api.ApiFixture.TENANT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.api.ApiFixture.Response;
import io.drillbook.auth.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every endpoint, used by each role on its own tenant's drills: what each may do, and the 403s of what it may not. */
class DrillsApiTest extends OneTokenPerRole {
  @Test
  void anOperatorStartsTheClientSignsOffAndEveryStepIsInTheEvidence() throws Exception {
    Response started = f.post(operator, "/drills", "{\"plan\": \"a-exercise\"}");
    assertEquals(201, started.status(), started.toString());
    String id = started.body().get("drillId").asText();
    assertEquals(List.of(ApiServer.BASE + "/drills/" + id), started.headers().get("location"));
    assertEquals(TENANT_A, started.body().get("tenant").asText());
    assertEquals("oncall", started.body().get("startedBy").asText());

    f.awaitStep(operator, id, "prepare", "WAITING");
    Response notResponsible = f.post(approver, "/drills/" + id + "/steps/prepare/complete", "");
    assertEquals(403, notResponsible.status(), notResponsible.toString());
    assertTrue(notResponsible.body().get("detail").asText().contains("only a Responsible"), notResponsible.toString());
    Response wrongVerb = f.post(operator, "/drills/" + id + "/steps/prepare/approve", "");
    assertEquals(409, wrongVerb.status(), wrongVerb.toString());
    Response noStep = f.post(operator, "/drills/" + id + "/steps/nope/complete", "");
    assertEquals(404, noStep.status(), noStep.toString());

    Response done = f.post(operator, "/drills/" + id + "/steps/prepare/complete", "{\"comment\": \"announced\"}");
    assertEquals(200, done.status(), done.toString());
    assertEquals("SUCCEEDED", done.body().get("state").asText());
    assertEquals("oncall", done.body().get("actor").asText());

    f.awaitStep(operator, id, "sign-off", "WAITING");
    Response notAccountable = f.post(operator, "/drills/" + id + "/steps/sign-off/approve", "");
    assertEquals(403, notAccountable.status(), notAccountable.toString());
    Response approved = f.post(approver, "/drills/" + id + "/steps/sign-off/approve", "{\"comment\": \"back to EHR\"}");
    assertEquals(200, approved.status(), approved.toString());
    Response again = f.post(approver, "/drills/" + id + "/steps/sign-off/approve", "");
    assertEquals(409, again.status(), again.toString());

    JsonNode summary = f.awaitSummary(viewer, id, "PASSED");
    assertEquals("API", summary.get("trigger").asText());
    assertEquals("oncall", summary.get("actor").asText());

    Response list = f.get(viewer, "/drills?tenant=" + TENANT_A + "&verdict=PASSED&type=PCA&plan=a-exercise");
    assertEquals(200, list.status(), list.toString());
    assertTrue(ids(list).contains(id), list.toString());
    assertEquals(50, list.body().get("limit").asInt());

    Response events = f.get(viewer, "/drills/" + id + "/events");
    assertEquals(200, events.status(), events.toString());
    List<String> lines = new ArrayList<>();
    events.body().get("events").forEach(e -> lines.add(e.get("type").asText() + " by " + e.get("actor").asText()));
    assertTrue(lines.contains("drill.started by oncall"), lines.toString());
    assertTrue(lines.contains("manual.completed by oncall"), lines.toString());
    assertTrue(lines.contains("approval.granted by dsi-client"), lines.toString());

    Response verification = f.get(approver, "/drills/" + id + "/verification");
    assertEquals(200, verification.status(), verification.toString());
    assertTrue(verification.body().get("intact").asBoolean(), verification.toString());
    assertTrue(verification.body().get("anchored").asBoolean(), verification.toString());
  }

  @Test
  void eachRoleReadsItsTenantsDrillsButActsOnlyAsItsRoleAllows() throws Exception {
    String id = f.startWaitingDrill("a-exercise");
    for (String token : List.of(operator, admin, scheduler, viewer, approver)) {
      for (String path : List.of("/drills", "/drills/" + id, "/drills/" + id + "/events",
          "/drills/" + id + "/verification", "/plans", "/plans/a-exercise/raci")) {
        Response r = f.get(token, path);
        assertEquals(200, r.status(), path + ": " + r);
      }
    }
    for (String token : List.of(scheduler, viewer, approver)) {
      assertForbidden(f.post(token, "/drills", "{\"plan\": \"a-exercise\"}"));
      assertForbidden(f.post(token, "/drills/" + id + "/abort", ""));
    }
    for (String token : List.of(scheduler, viewer)) {
      for (String verb : List.of("approve", "deny", "complete")) {
        assertForbidden(f.post(token, "/drills/" + id + "/steps/prepare/" + verb, ""));
      }
    }
    f.awaitStep(admin, id, "prepare", "WAITING");

    Response aborted = f.post(admin, "/drills/" + id + "/abort", "{\"reason\": \"exercise cancelled\"}");
    assertEquals(202, aborted.status(), aborted.toString());
    assertEquals(409, f.post(operator, "/drills/" + id + "/abort", "").status());
    f.awaitSummary(viewer, id, "ABORTED");
    JsonNode events = f.get(viewer, "/drills/" + id + "/events").body().get("events");
    List<String> types = new ArrayList<>();
    events.forEach(e -> types.add(e.get("type").asText() + " by " + e.get("actor").asText()));
    assertTrue(types.contains("drill.aborted by msp-manager"), types.toString());
  }

  @Test
  void anOperatorMayAbortAndStartButAnAdminMayDenyAsTheStepsAccountable() throws Exception {
    String clientAdmin = f.token("dsi-client", Role.MSP_ADMIN, TENANT_A);
    String id = f.startWaitingDrill("a-exercise");
    assertEquals(200, f.post(operator, "/drills/" + id + "/steps/prepare/complete", "").status());
    f.awaitStep(operator, id, "sign-off", "WAITING");
    Response denied = f.post(clientAdmin, "/drills/" + id + "/steps/sign-off/deny", "{\"comment\": \"not today\"}");
    assertEquals(200, denied.status(), denied.toString());
    assertEquals("FAILED", denied.body().get("state").asText());
    f.awaitSummary(viewer, id, "FAILED");
  }

  @Test
  void plansAreListedWithTheirValidityAndTheirRaci() {
    Response plans = f.get(viewer, "/plans");
    assertEquals(200, plans.status(), plans.toString());
    List<String> listed = new ArrayList<>();
    plans.body().get("plans").forEach(p -> listed.add(p.get("name").asText() + ":" + p.get("valid").asBoolean()));
    assertEquals(List.of("a-broken:false", "a-exercise:true"), listed);
    JsonNode broken = plans.body().get("plans").get(0);
    assertTrue(broken.get("errors").get(0).asText().startsWith("a-broken.yaml:"), broken.toString());

    Response raci = f.get(viewer, "/plans/a-exercise/raci");
    assertEquals(200, raci.status(), raci.toString());
    JsonNode signOff = raci.body().get("rows").get(1);
    assertEquals("sign-off", signOff.get("stepId").asText());
    assertEquals("Accountable (dsi-client)", signOff.get("cells").get("client").asText());
    assertEquals("Responsible (oncall); Informed", signOff.get("cells").get("msp").asText());

    assertEquals(409, f.get(viewer, "/plans/a-broken/raci").status());
    Response startBroken = f.post(operator, "/drills", "{\"plan\": \"a-broken\"}");
    assertEquals(409, startBroken.status(), startBroken.toString());
    assertEquals(404, f.post(operator, "/drills", "{\"plan\": \"no-such-plan\"}").status());
    assertEquals(404, f.get(operator, "/plans/no-such-plan/raci").status());
  }

  @Test
  void malformedRequestsAre400WithAFix() {
    for (String query : List.of("limit=0", "limit=1001", "offset=-1", "limit=ten", "type=BACKUP", "verdict=OK",
        "since=yesterday", "until=2026-13-01")) {
      Response r = f.get(operator, "/drills?" + query);
      assertEquals(400, r.status(), query + ": " + r);
      assertEquals("bad_request", r.error());
      assertNotNull(r.body().get("fix").asText(), r.toString());
    }
    for (String body : List.of("not json", "[1]", "{}", "{\"plan\": 3}")) {
      Response r = f.post(operator, "/drills", body);
      assertEquals(400, r.status(), body + ": " + r);
    }
    Response page = f.get(operator, "/drills?limit=1&offset=0&since=2020-01-01T00:00:00Z");
    assertEquals(200, page.status(), page.toString());
    assertTrue(page.body().get("drills").size() <= 1);
  }

  @Test
  void requestsWithoutAValidCredentialAre401() {
    String revoked = f.tokens.create("oncall", Role.MSP_OPERATOR, null, Duration.ofHours(1)).bearer();
    f.tokens.revoke(revoked.substring(0, revoked.indexOf('.')));
    String wrongSecret = operator.substring(0, operator.indexOf('.') + 1) + "A".repeat(43);
    for (String token : List.of("", "garbage", "dbk_nosuchtoken1." + "A".repeat(43), "dbk_x", wrongSecret, revoked,
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")) {
      Response r = f.get(token, "/drills");
      assertEquals(401, r.status(), token + ": " + r);
      assertEquals("unauthorized", r.error());
      assertFalse(r.body().toString().contains("Exception"), r.toString());
    }
    Response none = f.get(null, "/drills");
    assertEquals(401, none.status());
    assertEquals(List.of("Bearer realm=\"drillbook\""), none.headers().get("www-authenticate"));
    URI drills = URI.create("http://127.0.0.1:" + f.api.port() + ApiServer.BASE + "/drills");
    Response basic = f.send(null, HttpRequest.newBuilder(drills).header("Authorization", "Basic eDp5"));
    assertEquals(401, basic.status());
  }

  @Test
  void anExpiredTokenIs401() throws Exception {
    String shortLived = f.tokens.create("oncall", Role.MSP_OPERATOR, null, Duration.ofMillis(50)).bearer();
    Thread.sleep(100);
    Response r = f.get(shortLived, "/drills");
    assertEquals(401, r.status(), r.toString());
    assertTrue(r.body().get("detail").asText().contains("expired"), r.toString());
  }

  @Test
  void unknownRoutesAre404AsJsonAndTheOpenApiDocumentIsPublic() {
    Response unknown = f.get(operator, "/nothing-here");
    assertEquals(404, unknown.status(), unknown.toString());
    assertEquals("not_found", unknown.error());
    Response doc = f.get(null, "/openapi.json");
    assertEquals(200, doc.status());
    assertEquals("3.1.0", doc.body().get("openapi").asText());
  }

  private static void assertForbidden(Response r) {
    assertEquals(403, r.status(), r.toString());
    assertEquals("forbidden", r.error());
    assertTrue(r.body().get("fix").asText().contains("msp-"), r.toString());
  }

  private static List<String> ids(Response list) {
    List<String> ids = new ArrayList<>();
    list.body().get("drills").forEach(d -> ids.add(d.get("drillId").asText()));
    return ids;
  }
}
