package io.drillbook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What `drillbook dev` runs, for API tests: an embedded Temporal server, a worker, an H2 evidence store in a
 * temporary home, the API on a free port, and a plans directory with one exercise plan per tenant
 * ({@code a-exercise} of {@code clinic-a}, {@code b-exercise} of {@code clinic-b}) and an invalid plan of
 * {@code clinic-a} ({@code a-broken}).
 */
final class ApiFixture implements AutoCloseable {
  static final String TENANT_A = "clinic-a";
  static final String TENANT_B = "clinic-b";
  static final ObjectMapper JSON = new ObjectMapper();

  final DrillbookRuntime runtime;
  final TemporalConnection temporal;
  final ApiServer api;
  final AuthDatabase auth;
  final TokenStore tokens;
  private final HttpClient http = HttpClient.newHttpClient();

  ApiFixture(Path home, Map<String, String> extraEnv) throws IOException {
    Path plans = Files.createDirectories(home.resolve("plans"));
    writePlan(plans.resolve("a-exercise.yaml"), "a-exercise", TENANT_A);
    writePlan(plans.resolve("b-exercise.yaml"), "b-exercise", TENANT_B);
    Files.writeString(plans.resolve("a-broken.yaml"), exercise("a-broken", TENANT_A)
        .replace("accountable: dsi-client", "accountable: nobody-we-know"));
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("DRILLBOOK_HOME", home.toString());
    env.put("DRILLBOOK_PLANS_DIR", plans.toString());
    runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(env));
    temporal = TemporalConnection.embedded(0, runtime.metrics());
    runtime.startWorker(temporal.client());
    api = ApiServer.start(runtime, new DrillService(temporal.client()), "127.0.0.1", 0);
    auth = AuthDatabase.open(EvidenceConfig.fromEnvironment(env));
    tokens = auth.tokens();
  }

  /** A bearer token for {@code name} with {@code role}, limited to {@code tenant} (null: every tenant). */
  String token(String name, Role role, String tenant) {
    return tokens.create(name, role, tenant, Duration.ofHours(1)).bearer();
  }

  Response get(String token, String path) {
    return send(token, HttpRequest.newBuilder(uri(path)).GET());
  }

  Response post(String token, String path, String body) {
    return send(token, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Response delete(String token, String path) {
    return send(token, HttpRequest.newBuilder(uri(path)).DELETE());
  }

  Response send(String token, HttpRequest.Builder request) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts a drill of {@code plan} as an MSP admin and waits until its {@code prepare} step waits. */
  String startWaitingDrill(String plan) throws InterruptedException {
    String admin = token("msp-manager", Role.MSP_ADMIN, null);
    Response started = post(admin, "/drills", "{\"plan\": \"" + plan + "\"}");
    if (started.status() != 201) {
      throw new AssertionError("could not start " + plan + ": " + started);
    }
    String id = started.body().get("drillId").asText();
    awaitStep(admin, id, "prepare", "WAITING");
    awaitSummary(admin, id);
    return id;
  }

  /** Polls the drill until its step reaches {@code state}. */
  JsonNode awaitStep(String token, String id, String step, String state) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonNode progress = get(token, "/drills/" + id).body().get("progress");
      if (progress != null && !progress.isNull()) {
        for (JsonNode s : progress.get("steps")) {
          if (s.get("id").asText().equals(step) && s.get("state").asText().equals(state)) {
            return progress;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("step " + step + " of " + id + " never reached " + state);
  }

  /** Polls until the evidence store has the drill's summary, with a verdict if {@code verdict} is not null. */
  JsonNode awaitSummary(String token, String id, String... verdict) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonNode summary = get(token, "/drills/" + id).body().get("summary");
      if (summary != null && !summary.isNull()
          && (verdict.length == 0 || summary.get("verdict").asText().equals(verdict[0]))) {
        return summary;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("drill " + id + " never reached the evidence store" + (verdict.length == 0 ? "" : " as " + verdict[0]));
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + api.port() + ApiServer.BASE + path);
  }

  private static void writePlan(Path file, String name, String tenant) throws IOException {
    Files.writeString(file, exercise(name, tenant));
  }

  private static String exercise(String name, String tenant) throws IOException {
    try (InputStream in = ApiFixture.class.getResourceAsStream("/plans/api-exercise.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${NAME}", name).replace("${TENANT}", tenant);
    }
  }

  @Override
  public void close() {
    api.close();
    auth.close();
    runtime.close();
    temporal.close();
  }

  record Response(int status, JsonNode body, Map<String, java.util.List<String>> headers) {
    String error() {
      return body == null || body.get("error") == null ? null : body.get("error").asText();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
