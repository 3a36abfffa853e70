package io.drillbook.drill;

import io.drillbook.plan.Action;
import io.drillbook.plan.Resource;
import java.util.Map;

/**
 * Everything a provider action needs, named explicitly (no hidden state): the resource, the parameters, and
 * the output of the step named by {@code from} (empty when none).
 *
 * @param cleanup true when the step is a cleanup entry (run even after failure or cancel)
 */
public record ActionRequest(
    String drillId,
    String tenant,
    String stepId,
    Action action,
    String resourceName,
    Resource resource,
    Map<String, Object> with,
    String fromStepId,
    Map<String, Object> fromOutputs,
    boolean cleanup) {}
