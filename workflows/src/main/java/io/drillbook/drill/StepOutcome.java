package io.drillbook.drill;

import java.util.List;
import java.util.Map;

/**
 * How one step's action ended, before it is written down: its outputs and observations when it succeeded,
 * the error when it failed.
 *
 * @param details extra evidence for {@code step.failed}, e.g. how a provider action's retries ended
 */
record StepOutcome(
    boolean succeeded,
    Map<String, Object> outputs,
    List<String> observations,
    String error,
    Map<String, Object> details) {

  static StepOutcome succeeded(Map<String, Object> outputs, List<String> observations) {
    return new StepOutcome(true, outputs, observations, null, Map.of());
  }

  static StepOutcome failed(String error) {
    return new StepOutcome(false, Map.of(), List.of(), error, Map.of());
  }

  static StepOutcome failed(String error, Map<String, Object> details) {
    return new StepOutcome(false, Map.of(), List.of(), error, details);
  }
}
