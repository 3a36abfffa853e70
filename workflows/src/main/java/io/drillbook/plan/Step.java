package io.drillbook.plan;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a plan or of its cleanup. Fields the YAML leaves out are null (timeout, retry, from, resource)
 * or empty (needs, with); {@link StepDefaults} supplies per-action defaults at run time.
 */
public record Step(
    String id,
    Action action,
    String resource,
    List<String> needs,
    String from,
    Map<String, Object> with,
    Raci raci,
    Duration timeout,
    RetrySpec retry,
    OnFailure onFailure,
    OnTimeout onTimeout) {

  public Step {
    needs = needs == null ? List.of() : needs;
    with = with == null ? Map.of() : with;
    onFailure = onFailure == null ? OnFailure.ABORT : onFailure;
    onTimeout = onTimeout == null ? OnTimeout.FAIL : onTimeout;
  }
}
