package io.drillbook.provider.catalog;

import io.drillbook.provider.ProviderCatalog;
import io.drillbook.provider.ResourceTypeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The resource types drillbook declares for the local, aws and azure providers, without their drivers:
 * what the validator checks plans against in tests and in the CLI, until the worker's provider registry
 * (which returns the same specs from its drivers) is wired in.
 */
public final class BuiltInCatalog implements ProviderCatalog {

  private final Map<String, ResourceTypeSpec> byProviderAndType = new LinkedHashMap<>();

  public BuiltInCatalog() {
    Stream.of(LocalResourceTypes.ALL, AwsResourceTypes.ALL, AzureResourceTypes.ALL)
        .flatMap(List::stream)
        .forEach(spec -> byProviderAndType.put(spec.provider() + "/" + spec.type(), spec));
  }

  @Override
  public Set<String> providers() {
    Set<String> providers = new TreeSet<>();
    byProviderAndType.values().forEach(spec -> providers.add(spec.provider()));
    return providers;
  }

  @Override
  public Optional<ResourceTypeSpec> resourceType(String provider, String type) {
    return Optional.ofNullable(byProviderAndType.get(provider + "/" + type));
  }

  @Override
  public List<ResourceTypeSpec> specs() {
    return List.copyOf(byProviderAndType.values());
  }
}
