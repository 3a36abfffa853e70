package io.drillbook.plan;

import io.drillbook.provider.ProviderCatalog;
import java.util.List;

/**
 * Checks a parsed plan against every rule of PLAN-FORMAT.md and reports all that fail, not only the first:
 * the parser's schema errors, then RACI, graph, resources, objectives, HDS, cleanup and secrets, sorted by
 * position in the file. Runs outside any workflow: it may look at the provider catalog, never at the world.
 */
public final class PlanValidator {

  private final List<RuleCheck> rules;

  public PlanValidator(ProviderCatalog catalog) {
    this.rules = List.of(
        new RaciRule(),
        new GraphRule(),
        new ResourcesRule(catalog),
        new ObjectivesRule(),
        new HdsRule(catalog),
        new CleanupRule(catalog),
        new SecretsRule());
  }

  /** Every error in the plan; empty when it is valid. */
  public List<PlanError> validate(ParsedPlan parsed) {
    return check(parsed).errors();
  }

  /** Every error and warning in the plan. */
  public Findings check(ParsedPlan parsed) {
    Findings findings = new Findings(parsed.file());
    findings.addAll(parsed.errors());
    if (!parsed.readable()) {
      return findings;
    }
    rules.forEach(rule -> rule.check(parsed, findings));
    PlanMetadata metadata = parsed.plan().metadata();
    if (metadata.schedule() != null && metadata.timezone() == null) {
      findings.warning(parsed.sources().at("metadata.schedule"), "metadata.schedule has no metadata.timezone, so it "
          + "fires in UTC: add timezone: Europe/Paris (or the client's zone)");
    }
    return findings;
  }
}
