package io.drillbook.drill;

import io.drillbook.plan.Action;
import io.drillbook.plan.Objectives;
import io.drillbook.plan.OnFailure;
import io.drillbook.plan.OnTimeout;
import io.drillbook.plan.Party;
import io.drillbook.plan.Plan;
import io.drillbook.plan.PlanMetadata;
import io.drillbook.plan.PlanType;
import io.drillbook.plan.Raci;
import io.drillbook.plan.Resource;
import io.drillbook.plan.RetrySpec;
import io.drillbook.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds plan records for tests without YAML. Defaults mirror PLAN-FORMAT.md's example: parties {@code client}
 * (member {@code dsi@client}), {@code msp} (members {@code oncall}, {@code msp-dba}, {@code msp-manager}) and
 * {@code cloud}; one local PostgreSQL resource {@code db}; RACI responsible {@code msp-dba}, accountable
 * {@code msp-manager}.
 */
public final class TestPlans {

  public static final String TENANT = "test-tenant";
  public static final String RESOURCE = "db";

  private TestPlans() {}

  public static PlanBuilder plan(String name) {
    return new PlanBuilder(name);
  }

  public static StepBuilder step(String id, Action action) {
    return new StepBuilder(id, action);
  }

  public static Raci raci(String responsible, String accountable, String... informed) {
    return new Raci(List.of(responsible), accountable, List.of(), List.of(informed));
  }

  public static DrillRequest request(String drillId, Plan plan) {
    return new DrillRequest(drillId, plan, "0".repeat(64), "plans/" + plan.metadata().name() + ".yaml",
        Trigger.MANUAL, "oncall");
  }

  public static final class PlanBuilder {
    private final String name;
    private PlanType type = PlanType.RESTORE_TEST;
    private Objectives objectives = new Objectives(Duration.ofHours(4), Duration.ofMinutes(15));
    private final Map<String, Party> parties = new LinkedHashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Step> cleanup = new ArrayList<>();

    private PlanBuilder(String name) {
      this.name = name;
      parties.put("client", new Party("Test Client", List.of(), List.of("dsi@client")));
      parties.put("msp", new Party("Test MSP", List.of(5), List.of("oncall", "msp-dba", "msp-manager")));
      parties.put("cloud", new Party("Test Cloud", List.of(1, 2, 3, 4, 6), List.of()));
      resources.put(RESOURCE, new Resource("local", "postgresql",
          Map.of("dsn", "postgresql://127.0.0.1:5432/test", "credentialsRef", "env:TEST_DB_PASSWORD")));
    }

    public PlanBuilder type(PlanType type) {
      this.type = type;
      return this;
    }

    public PlanBuilder objectives(Duration rto, Duration rpo) {
      this.objectives = new Objectives(rto, rpo);
      return this;
    }

    public PlanBuilder party(String key, String... members) {
      parties.put(key, new Party(key, List.of(), List.of(members)));
      return this;
    }

    public PlanBuilder resource(String key, Resource resource) {
      resources.put(key, resource);
      return this;
    }

    public PlanBuilder step(StepBuilder step) {
      steps.add(step.build());
      return this;
    }

    public PlanBuilder cleanup(StepBuilder step) {
      cleanup.add(step.build());
      return this;
    }

    public Plan build() {
      return new Plan("drillbook/v1", "Plan",
          new PlanMetadata(name, TENANT, type, true, "test plan", null, null),
          objectives, parties, resources, steps, cleanup);
    }
  }

  public static final class StepBuilder {
    private final String id;
    private final Action action;
    private String resource;
    private List<String> needs = List.of();
    private String from;
    private final Map<String, Object> with = new LinkedHashMap<>();
    private Raci raci = TestPlans.raci("msp-dba", "msp-manager");
    private Duration timeout;
    private RetrySpec retry;
    private OnFailure onFailure;
    private OnTimeout onTimeout;

    private StepBuilder(String id, Action action) {
      this.id = id;
      this.action = action;
      this.resource = action.isProviderAction() ? RESOURCE : null;
    }

    public StepBuilder resource(String resource) {
      this.resource = resource;
      return this;
    }

    public StepBuilder needs(String... needs) {
      this.needs = List.of(needs);
      return this;
    }

    public StepBuilder from(String from) {
      this.from = from;
      return this;
    }

    public StepBuilder with(String key, Object value) {
      with.put(key, value);
      return this;
    }

    public StepBuilder raci(Raci raci) {
      this.raci = raci;
      return this;
    }

    public StepBuilder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public StepBuilder retry(int attempts, Duration backoff) {
      this.retry = new RetrySpec(attempts, backoff);
      return this;
    }

    public StepBuilder onFailure(OnFailure onFailure) {
      this.onFailure = onFailure;
      return this;
    }

    public StepBuilder onTimeout(OnTimeout onTimeout) {
      this.onTimeout = onTimeout;
      return this;
    }

    public Step build() {
      return new Step(id, action, resource, needs, from, Collections.unmodifiableMap(new LinkedHashMap<>(with)), raci, timeout, retry, onFailure, onTimeout);
    }
  }
}
