package io.drillbook.drill;

/**
 * A person's decision on a waiting step, sent as the {@code decide} Update. For an {@code approval} step
 * {@code actor} must be the step's Accountable (or a member of the Accountable party) and {@code approve}
 * says yes or no; for a {@code manual} step {@code actor} must be a Responsible and {@code approve} true
 * means done.
 */
public record StepDecision(String stepId, String actor, boolean approve, String comment) {}
