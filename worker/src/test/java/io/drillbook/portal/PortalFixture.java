package io.drillbook.portal;

import io.drillbook.api.ApiServer;
import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.StepState;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.DrillService;
import io.drillbook.service.PlanLibrary;
import io.drillbook.service.StepVerb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A `drillbook dev` for portal tests: embedded Temporal, a worker, an H2 evidence store in a temporary home, the
 * API server (and so the portal) on a free port, and one exercise plan per tenant: {@code a-exercise} of
 * {@code clinic-a} and {@code b-exercise} of {@code clinic-b}, each a manual step {@code prepare} for the MSP's
 * {@code oncall}, then the approval {@code sign-off} whose Accountable is the client's {@code dsi-client}
 * ({@code head-nurse} is in the client's party but Accountable of nothing). Drills are started and moved on
 * through the service layer, as the MSP would through the API or the CLI.
 */
final class PortalFixture implements AutoCloseable {
  static final String TENANT_A = "clinic-a";
  static final String TENANT_B = "clinic-b";
  private static final Principal MSP_MANAGER = new Principal("msp-manager", Set.of(Role.MSP_ADMIN), null, "test");
  private static final Principal ONCALL = new Principal("oncall", Set.of(Role.MSP_OPERATOR), null, "test");

  final DrillbookRuntime runtime;
  final TemporalConnection temporal;
  final ApiServer server;
  final AuthDatabase auth;
  final TokenStore tokens;
  final DrillAccess drills;
  final Map<String, String> env;

  PortalFixture(Path home, Map<String, String> extraEnv) throws IOException {
    this(home, extraEnv, 0);
  }

  /** @param port the server's port, 0 for any free one */
  PortalFixture(Path home, Map<String, String> extraEnv, int port) throws IOException {
    Path plans = Files.createDirectories(home.resolve("plans"));
    Files.writeString(plans.resolve("a-exercise.yaml"), plan("a-exercise", TENANT_A));
    Files.writeString(plans.resolve("b-exercise.yaml"), plan("b-exercise", TENANT_B));
    env = new HashMap<>(extraEnv);
    env.put("DRILLBOOK_HOME", home.toString());
    env.put("DRILLBOOK_PLANS_DIR", plans.toString());
    runtime = DrillbookRuntime.open(DrillbookSettings.fromEnvironment(env));
    temporal = TemporalConnection.embedded(0, runtime.metrics());
    runtime.startWorker(temporal.client());
    DrillService service = new DrillService(temporal.client());
    server = ApiServer.start(runtime, service, "127.0.0.1", port);
    auth = AuthDatabase.open(EvidenceConfig.fromEnvironment(env));
    tokens = auth.tokens();
    drills = new DrillAccess(runtime.evidence(), service, PlanLibrary.fromEnvironment(env, runtime.providers()));
  }

  /** The portal's base URL, e.g. http://127.0.0.1:PORT/portal. */
  String portal() {
    return server.portalAddress();
  }

  String token(String name, Role role, String tenant) {
    return tokens.create(name, role, tenant, Duration.ofHours(1)).bearer();
  }

  /** Starts a drill of {@code plan} and has the MSP's oncall complete {@code prepare}: {@code sign-off} then waits. */
  String drillWaitingForSignOff(String plan) throws InterruptedException {
    String id = drills.start(MSP_MANAGER, plan).drillId();
    awaitStep(id, "prepare", StepState.WAITING);
    drills.decide(ONCALL, id, "prepare", StepVerb.COMPLETE, "announced");
    awaitStep(id, "sign-off", StepState.WAITING);
    awaitEvent(id, "approval.requested", 2);
    return id;
  }

  /** A drill of {@code plan} run to its end, signed off by the client's Accountable: verdict PASSED. */
  String passedDrill(String plan) throws InterruptedException {
    String id = drillWaitingForSignOff(plan);
    drills.decide(new Principal("dsi-client", Set.of(Role.CLIENT_APPROVER), tenantOf(plan), "test"), id, "sign-off",
        StepVerb.APPROVE, "fine by us");
    awaitEvent(id, "drill.completed", 1);
    return id;
  }

  private static String tenantOf(String plan) {
    return plan.startsWith("a-") ? TENANT_A : TENANT_B;
  }

  void awaitStep(String id, String step, StepState state) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      DrillProgress progress = drills.view(MSP_MANAGER, id).progress();
      if (progress != null && progress.steps().stream().anyMatch(s -> s.id().equals(step) && s.state() == state)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("step " + step + " of " + id + " never reached " + state);
  }

  /** Waits until the drill's evidence holds {@code count} events of {@code type}, and returns them. */
  List<EvidenceEvent> awaitEvent(String id, String type, int count) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<EvidenceEvent> found = events(id, type);
      if (found.size() >= count) {
        return found;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("drill " + id + " never recorded " + count + " " + type + " event(s)");
  }

  List<EvidenceEvent> events(String id, String type) {
    return runtime.evidence().events(id).stream().filter(e -> e.type().equals(type)).toList();
  }

  private static String plan(String name, String tenant) throws IOException {
    try (InputStream in = PortalFixture.class.getResourceAsStream("/plans/api-exercise.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${NAME}", name)
          .replace("${TENANT}", tenant);
    }
  }

  @Override
  public void close() {
    server.close();
    auth.close();
    runtime.close();
    temporal.close();
  }
}
