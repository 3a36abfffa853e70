package io.drillbook.provider;

import io.drillbook.plan.Action;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters ({@code with:}) one action of one resource type takes, and whether running it creates a
 * resource that must be cleaned up (rule 7 of PLAN-FORMAT.md).
 *
 * @param createsWhenParam null: the action creates a resource when {@code createsAlways}; otherwise it
 *     creates one when {@code with.<createsWhenParam>} equals {@code createsWhenValue} (e.g. {@code
 *     failover} with {@code standby: scratch})
 */
public record ActionSpec(
    Action action,
    List<ParamSpec> params,
    boolean createsAlways,
    String createsWhenParam,
    String createsWhenValue) {

  public static ActionSpec of(Action action, ParamSpec... params) {
    return new ActionSpec(action, List.of(params), false, null, null);
  }

  public static ActionSpec creating(Action action, ParamSpec... params) {
    return new ActionSpec(action, List.of(params), true, null, null);
  }

  public static ActionSpec creatingWhen(Action action, String param, String value, ParamSpec... params) {
    return new ActionSpec(action, List.of(params), false, param, value);
  }

  /** Whether a step with these {@code with} parameters creates something that cleanup must remove. */
  public boolean createsResource(Map<String, Object> with) {
    if (createsAlways) {
      return true;
    }
    if (createsWhenParam == null) {
      return false;
    }
    Object v = with.get(createsWhenParam);
    if (v == null) {
      ParamSpec p = params.stream().filter(s -> s.name().equals(createsWhenParam)).findFirst().orElse(null);
      v = p == null ? null : p.defaultValue();
    }
    return v != null && Objects.toString(v).startsWith(createsWhenValue);
  }
}
