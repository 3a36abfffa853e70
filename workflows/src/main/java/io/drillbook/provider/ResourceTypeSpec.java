package io.drillbook.provider;

import io.drillbook.plan.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resource type of one provider: its {@code config} keys and the actions it supports with their
 * parameter schemas. {@code regional} types must name {@code config.region} (checked against the EEA for
 * health data).
 *
 * @param implemented false for a type whose actions are declared but not available in this build; the
 *     validator accepts the plan with a warning and the activity fails with a clear "not supported" error
 */
public record ResourceTypeSpec(
    String provider,
    String type,
    List<ParamSpec> config,
    Map<Action, ActionSpec> actions,
    boolean regional,
    boolean implemented) {

  public Set<Action> supportedActions() {
    return actions.keySet();
  }

  public Optional<ActionSpec> action(Action action) {
    return Optional.ofNullable(actions.get(action));
  }
}
