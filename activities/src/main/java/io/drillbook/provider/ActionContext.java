package io.drillbook.provider;

import io.drillbook.drill.ActionRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a driver gets for one action: the request (resource, parameters, the {@code from} step's outputs),
 * a heartbeat that also returns the details of the previous attempt's last heartbeat (to resume instead of
 * starting over), a resolver for secret references, and a work directory under {@code $DRILLBOOK_HOME}.
 */
public record ActionContext(ActionRequest request, Heartbeat heartbeat, SecretResolver secrets, Path workDir) {

  public Map<String, Object> with() {
    return request.with();
  }

  public Map<String, Object> config() {
    return request.resource().config();
  }

  public Map<String, Object> from() {
    return request.fromOutputs() == null ? Map.of() : request.fromOutputs();
  }

  public String drillId() {
    return request.drillId();
  }

  public String stepId() {
    return request.stepId();
  }

  /** A name that is the same for every attempt of this step, safe for file names and database identifiers. */
  public String deterministicName(String prefix) {
    String raw = prefix + "-" + request.drillId() + "-" + request.stepId();
    return raw.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** Progress reporting and resume support, backed by Temporal activity heartbeats. */
  public interface Heartbeat {
    /** For actions run outside an activity (the sweeper, benchmarks): nobody listens, nothing to resume. */
    Heartbeat NONE = new Heartbeat() {
      @Override
      public void beat(Object details) {}

      @Override
      public <T> Optional<T> previous(Class<T> type) {
        return Optional.empty();
      }
    };

    void beat(Object details);

    <T> Optional<T> previous(Class<T> type);
  }

  /** Resolves {@code env:NAME}, {@code file:/path}, ... references; never logs the value. */
  public interface SecretResolver {
    Optional<String> resolve(String reference);
  }

  public Optional<String> param(String key) {
    Object v = with().get(key);
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }
}
