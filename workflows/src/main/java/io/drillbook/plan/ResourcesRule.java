package io.drillbook.plan;

import io.drillbook.plan.ParsedPlan.PlacedStep;
import io.drillbook.provider.ActionSpec;
import io.drillbook.provider.ProviderCatalog;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rule 4: each resource's provider exists and has its type, whose {@code config} keys it fits; each
 * provider step names a resource whose type supports its action, and its {@code with} fits that action's
 * parameters. Steps drillbook runs itself name no resource and are checked against {@link BuiltInActions}.
 */
final class ResourcesRule implements RuleCheck {

  private final ProviderCatalog catalog;

  ResourcesRule(ProviderCatalog catalog) {
    this.catalog = catalog;
  }

  /** The declared parameters of a step's action, where its resource (if it needs one) is known. */
  static Optional<ActionSpec> actionSpec(ProviderCatalog catalog, Plan plan, Step step) {
    if (step.action() == null) {
      return Optional.empty();
    }
    if (!step.action().isProviderAction()) {
      return Optional.of(BuiltInActions.SPECS.get(step.action()));
    }
    return typeOf(catalog, plan, step.resource()).flatMap(spec -> spec.action(step.action()));
  }

  static Optional<ResourceTypeSpec> typeOf(ProviderCatalog catalog, Plan plan, String resourceKey) {
    Resource r = resourceKey == null ? null : plan.resources().get(resourceKey);
    if (r == null || r.provider() == null || r.type() == null) {
      return Optional.empty();
    }
    return catalog.resourceType(r.provider(), r.type());
  }

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    ParamCheck params = new ParamCheck(parsed.sources(), findings);
    parsed.plan().resources().forEach((key, resource) -> checkResource(key, resource, parsed.sources(), params, findings));
    for (PlacedStep p : parsed.placedSteps()) {
      checkStep(p, parsed, params, findings);
    }
  }

  private void checkResource(String key, Resource r, SourceMap src, ParamCheck params, Findings findings) {
    String path = SourceMap.child("resources", key);
    if (r.provider() == null || r.type() == null) {
      return;
    }
    if (!catalog.providers().contains(r.provider())) {
      findings.error(src.at(path + ".provider"), ValidationRule.RESOURCES, "unknown provider '" + r.provider() + "'"
          + Suggestion.didYouMean(r.provider(), catalog.providers()) + "; providers: " + String.join(", ", catalog.providers()));
      return;
    }
    Optional<ResourceTypeSpec> spec = catalog.resourceType(r.provider(), r.type());
    if (spec.isEmpty()) {
      var types = catalog.specs().stream().filter(s -> s.provider().equals(r.provider())).map(ResourceTypeSpec::type).toList();
      findings.error(src.at(path + ".type"), ValidationRule.RESOURCES, "provider " + r.provider() + " has no resource type '"
          + r.type() + "'" + Suggestion.didYouMean(r.type(), types) + "; its types: " + String.join(", ", types));
      return;
    }
    params.check(r.config(), spec.get().config(), path + ".config", "the config of " + r.provider() + "/" + r.type());
    if (!spec.get().implemented()) {
      findings.warning(src.at(path + ".type"), r.provider() + "/" + r.type() + " is declared but not implemented in this "
          + "build: a drill will fail with \"not supported\" at the first action on resource '" + key + "'");
    }
  }

  private void checkStep(PlacedStep p, ParsedPlan parsed, ParamCheck params, Findings findings) {
    Step step = p.step();
    SourceMap src = parsed.sources();
    Map<String, Resource> resources = parsed.plan().resources();
    if (step.action() == null) {
      return;
    }
    String action = step.action().yamlName();
    if (!step.action().isProviderAction()) {
      if (step.resource() != null) {
        findings.error(src.at(p.field("resource")), ValidationRule.RESOURCES, "a " + action + " step acts on no "
            + "resource: remove resource from " + p.label() + " (say what it is about in with)");
      }
      params.check(step.with(), BuiltInActions.SPECS.get(step.action()).params(), p.field("with"), "a " + action + " step");
      return;
    }
    if (step.resource() == null) {
      findings.error(src.at(p.path()), ValidationRule.RESOURCES, p.label() + " (" + action + ") acts on a resource: add "
          + "resource: one of " + (resources.isEmpty() ? "the resources you declare under resources" : String.join(", ", resources.keySet())));
      return;
    }
    Resource r = resources.get(step.resource());
    if (r == null) {
      findings.error(src.at(p.field("resource")), ValidationRule.RESOURCES, p.label() + " names unknown resource '"
          + step.resource() + "'" + Suggestion.didYouMean(step.resource(), resources.keySet())
          + ": declare it under resources, or name one of: " + String.join(", ", resources.keySet()));
      return;
    }
    Optional<ResourceTypeSpec> type = typeOf(catalog, parsed.plan(), step.resource());
    if (type.isEmpty()) {
      return;
    }
    String typeName = r.provider() + "/" + r.type();
    Optional<ActionSpec> spec = type.get().action(step.action());
    if (spec.isEmpty()) {
      findings.error(src.at(p.field("action")), ValidationRule.RESOURCES, typeName + " (resource '" + step.resource()
          + "') does not support " + action + "; it supports: "
          + type.get().supportedActions().stream().map(Action::yamlName).collect(Collectors.joining(", ")));
      return;
    }
    params.check(step.with(), spec.get().params(), p.field("with"), action + " on " + typeName);
  }
}
