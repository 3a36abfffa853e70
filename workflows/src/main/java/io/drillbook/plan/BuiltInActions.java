package io.drillbook.plan;

import static io.drillbook.provider.ParamSpec.optional;
import static io.drillbook.provider.ParamSpec.required;

import io.drillbook.provider.ActionSpec;
import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import java.util.Map;

/**
 * The {@code with} parameters of the actions drillbook runs itself, without a provider: a person's
 * decision ({@code approval}), a person's work ({@code manual}), a timer and a message. Declared like a
 * provider's actions so the validator checks them the same way.
 */
public final class BuiltInActions {

  public static final Map<Action, ActionSpec> SPECS = Map.of(
      Action.APPROVAL, ActionSpec.of(Action.APPROVAL,
          optional("instructions", ParamType.STRING, "what the Accountable checks before deciding")),
      Action.MANUAL, ActionSpec.of(Action.MANUAL,
          required("instructions", ParamType.STRING, "what the Responsible does, then confirms through the CLI or the API")),
      Action.WAIT, ActionSpec.of(Action.WAIT,
          required("duration", ParamType.DURATION, "how long to wait, e.g. 30s")),
      Action.NOTIFY, ActionSpec.of(Action.NOTIFY,
          new ParamSpec("to", ParamType.LIST, true, null, null, null,
              required("recipient", ParamType.STRING, "a party or party member"), "who is told: parties or party members"),
          required("message", ParamType.STRING, "what they are told")));

  private BuiltInActions() {}
}
