package io.drillbook.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.api.ApiFixture.Response;
import io.drillbook.auth.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} of an in-process dev, after a drill ran through the API: drill and Temporal SDK metrics. */
class MetricsEndpointTest {
  @TempDir static Path home;
  static ApiFixture f;

  @BeforeAll
  static void start() throws Exception {
    f = new ApiFixture(home, Map.of());
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void servesTheDrillMetricsWithoutAToken() throws Exception {
    String operator = f.token("oncall", Role.MSP_OPERATOR, null);
    String approver = f.token("dsi-client", Role.CLIENT_APPROVER, ApiFixture.TENANT_A);
    Response started = f.post(operator, "/drills", "{\"plan\": \"a-exercise\"}");
    assertEquals(201, started.status(), started.toString());
    String id = started.body().get("drillId").asText();
    f.awaitStep(operator, id, "prepare", "WAITING");
    assertEquals(200, f.post(operator, "/drills/" + id + "/steps/prepare/complete", "").status());
    f.awaitStep(operator, id, "sign-off", "WAITING");
    assertTrue(scrape().body().contains("drillbook_pending_approvals 1.0"), scrape().body());
    assertEquals(200, f.post(approver, "/drills/" + id + "/steps/sign-off/approve", "").status());
    f.awaitSummary(operator, id, "PASSED");

    HttpResponse<String> metrics = scrape();
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
    String text = metrics.body();
    for (String line : new String[] {
        "drillbook_drills_started_total{plan=\"a-exercise\",trigger=\"API\",type=\"PCA\"} 1.0",
        "drillbook_drills_completed_total{plan=\"a-exercise\",type=\"PCA\",verdict=\"PASSED\"} 1.0",
        "drillbook_rto_target_seconds{plan=\"a-exercise\"} 3600.0",
        "drillbook_pending_approvals 0.0",
        "drillbook_resources_leaked_total 0.0",
        "drillbook_step_duration_seconds_count{action=\"manual\",provider=\"none\"} 1",
        "drillbook_last_successful_drill_timestamp_seconds{plan=\"a-exercise\",type=\"PCA\"}"}) {
      assertTrue(text.contains(line), "missing " + line + " in\n" + text);
    }
    // The tenant is an identifier of the MSP's client: it never becomes a label.
    assertTrue(!text.contains(ApiFixture.TENANT_A), text);
    assertTrue(text.contains("temporal_"), "no Temporal SDK metric in\n" + text);
  }

  private static HttpResponse<String> scrape() throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.api.port() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
