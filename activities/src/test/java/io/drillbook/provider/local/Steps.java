package io.drillbook.provider.local;

import io.drillbook.drill.ActionRequest;
import io.drillbook.plan.Action;
import io.drillbook.plan.Resource;
import io.drillbook.provider.ActionContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds the ActionContext of one step of a test drill (the aws provider's tests use it too). */
public final class Steps {

  public final String drillId;
  final Path workDir;
  final Map<String, Object> config;
  final String type;
  final String provider;
  public Map<String, String> secrets = Map.of();
  public FakeHeartbeat heartbeat = new FakeHeartbeat();

  Steps(String drillId, Path workDir, String type, Map<String, Object> config) {
    this("local", drillId, workDir, type, config);
  }

  public Steps(String provider, String drillId, Path workDir, String type, Map<String, Object> config) {
    this.provider = provider;
    this.drillId = drillId;
    this.workDir = workDir;
    this.type = type;
    this.config = config;
  }

  public ActionContext ctx(String stepId, Action action, Map<String, Object> with) {
    return ctx(stepId, action, with, null, null);
  }

  public ActionContext ctx(String stepId, Action action, Map<String, Object> with, String fromStep, Map<String, Object> fromOutputs) {
    heartbeat = new FakeHeartbeat();
    return ctx(stepId, action, with, fromStep, fromOutputs, heartbeat);
  }

  public ActionContext ctx(String stepId, Action action, Map<String, Object> with, String fromStep, Map<String, Object> fromOutputs,
      FakeHeartbeat hb) {
    ActionRequest req = new ActionRequest(drillId, "tenant-test", stepId, action, "db", new Resource(provider, type, config),
        with == null ? Map.of() : with, fromStep, fromOutputs == null ? null : new HashMap<>(fromOutputs), action == Action.DELETE);
    return new ActionContext(req, hb, new FakeSecrets(secrets), workDir);
  }
}
