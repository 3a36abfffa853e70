package io.drillbook.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A step's {@code action}. Provider actions need a {@code resource}; the others are run by drillbook itself. */
public enum Action {
  SNAPSHOT(true),
  RESTORE(true),
  VERIFY(true),
  FAILOVER(true),
  FAILBACK(true),
  EXPORT(true),
  IMPORT(true),
  DELETE(true),
  APPROVAL(false),
  MANUAL(false),
  WAIT(false),
  NOTIFY(false);

  private final boolean providerAction;

  Action(boolean providerAction) {
    this.providerAction = providerAction;
  }

  public boolean isProviderAction() {
    return providerAction;
  }

  /** Steps that block until a person decides through {@code drill approve} / {@code drill complete}. */
  public boolean isHumanGate() {
    return this == APPROVAL || this == MANUAL;
  }

  /** The YAML spelling, e.g. {@code snapshot}. */
  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Action> fromYaml(String s) {
    return Arrays.stream(values()).filter(a -> a.yamlName().equals(s)).findFirst();
  }
}
