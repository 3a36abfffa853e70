package io.drillbook.plan;

import io.drillbook.provider.ProviderCatalog;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rule 6, for plans on health data: the parties together hold the six HDS activities, the MSP (the party
 * keyed {@code msp}) holds activity 5, and every resource of a regional type is in an EEA region.
 */
final class HdsRule implements RuleCheck {

  /** The party key that designates the managed-services provider. */
  static final String MSP = "msp";

  private static final Map<Integer, String> ACTIVITIES = Map.of(
      1, "physical sites", 2, "hardware infrastructure", 3, "virtual infrastructure",
      4, "application hosting platform", 5, "administration and operation", 6, "backup");

  private final ProviderCatalog catalog;

  HdsRule(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    Plan plan = parsed.plan();
    if (!plan.metadata().healthData()) {
      return;
    }
    SourceMap src = parsed.sources();
    SourcePosition parties = src.has("parties") ? src.keyAt("parties") : src.at("metadata.healthData");
    TreeSet<Integer> missing = IntStream.rangeClosed(1, 6).boxed().collect(Collectors.toCollection(TreeSet::new));
    plan.parties().values().forEach(p -> p.hdsActivities().forEach(missing::remove));
    if (!missing.isEmpty()) {
      findings.error(parties, ValidationRule.HDS, "health data must be hosted by HDS-certified parties covering all six "
          + "activities; none declares " + missing.stream().map(a -> a + " (" + ACTIVITIES.get(a) + ")")
              .collect(Collectors.joining(", "))
          + ": add them to the hdsActivities of the party whose certificate covers them (usually the cloud provider), "
          + "or set metadata.healthData: false if the plan touches no health data");
    }
    Party msp = plan.parties().get(MSP);
    if (msp == null) {
      findings.error(parties, ValidationRule.HDS, "health data needs the managed-services provider declared as party `"
          + MSP + "` with hdsActivities including 5 (administration and operation): add it under parties");
    } else if (!msp.hdsActivities().contains(5)) {
      findings.error(src.at("parties." + MSP + ".hdsActivities"), ValidationRule.HDS, "party `" + MSP
          + "` must declare HDS activity 5 (administration and operation of the system holding health data), which "
          + "the MSP always holds: add 5 to its hdsActivities");
    }
    plan.resources().forEach((key, r) -> checkRegion(key, r, src, findings));
  }

  private void checkRegion(String key, Resource r, SourceMap src, Findings findings) {
    Optional<ResourceTypeSpec> type = r.provider() == null || r.type() == null
        ? Optional.empty() : catalog.resourceType(r.provider(), r.type());
    if (type.isEmpty() || !type.get().regional() || r.region() == null || EeaRegions.contains(r.provider(), r.region())) {
      return;
    }
    List<String> eea = EeaRegions.of(r.provider()).stream().sorted().toList();
    findings.error(src.at("resources." + key + ".config.region"), ValidationRule.HDS, "region '" + r.region()
        + "' of resource '" + key + "' is outside the EEA, where health data must stay (HDS v2): "
        + (eea.isEmpty() ? "no " + r.provider() + " region is known to be in the EEA; use another provider"
            : "use one of " + String.join(", ", eea)));
  }
}
