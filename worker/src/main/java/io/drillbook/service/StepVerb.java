package io.drillbook.service;

import io.drillbook.plan.Action;

/** What a person does to a waiting step, and the kind of step it applies to. */
public enum StepVerb {
  APPROVE(Action.APPROVAL, true),
  DENY(Action.APPROVAL, false),
  COMPLETE(Action.MANUAL, true);

  private final Action action;
  private final boolean yes;

  StepVerb(Action action, boolean yes) {
    this.action = action;
    this.yes = yes;
  }

  /** The step action this verb applies to. */
  public Action action() {
    return action;
  }

  /** The {@code approve} flag of the decision it sends. */
  boolean yes() {
    return yes;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
