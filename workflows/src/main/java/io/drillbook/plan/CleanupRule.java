package io.drillbook.plan;

import io.drillbook.plan.ParsedPlan.PlacedStep;
import io.drillbook.provider.ProviderCatalog;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule 7: whatever a step creates (a restored scratch instance, a test standby, an export to a scratch
 * place) is removed by a cleanup entry taking {@code from} that step, or has a {@code keepFor} after which
 * the sweeper removes it. Cleanup entries all run, even after a failure, so {@code onFailure} has no
 * meaning there.
 */
final class CleanupRule implements RuleCheck {

  private final ProviderCatalog catalog;

  CleanupRule(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    SourceMap src = parsed.sources();
    Set<String> cleaned = parsed.plan().cleanup().stream().map(Step::from).collect(Collectors.toSet());
    for (PlacedStep p : parsed.placedSteps()) {
      Step step = p.step();
      if (p.cleanup()) {
        if (src.has(p.field("onFailure"))) {
          findings.error(src.keyAt(p.field("onFailure")), ValidationRule.CLEANUP, "onFailure does not apply to "
              + p.label() + ": every cleanup entry runs even if another failed, and a failure is recorded as "
              + "resource.leaked; remove onFailure");
        }
        continue;
      }
      boolean creates = ResourcesRule.actionSpec(catalog, parsed.plan(), step)
          .map(spec -> spec.createsResource(step.with())).orElse(false);
      if (creates && step.id() != null && !cleaned.contains(step.id()) && !step.with().containsKey("keepFor")) {
        findings.error(src.at(p.field("action")), ValidationRule.CLEANUP, p.label() + " creates a resource ("
            + step.action().yamlName() + ") that nothing removes: add a cleanup entry with from: " + step.id()
            + " (e.g. action: delete), or set with.keepFor so that the sweeper removes it after that time");
      }
    }
  }
}
