package io.drillbook.plan;

/** One rule of PLAN-FORMAT.md "Validation rules", run over a readable plan; reports into {@link Findings}. */
interface RuleCheck {

  void check(ParsedPlan parsed, Findings findings);
}
