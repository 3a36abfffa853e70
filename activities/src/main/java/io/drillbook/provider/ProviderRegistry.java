package io.drillbook.provider;

import io.drillbook.plan.Action;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The installed resource drivers, keyed by provider and resource type. It is the {@link ProviderCatalog} the
 * validator reads, so what a plan may ask for is exactly what the drivers declare.
 */
public final class ProviderRegistry implements ProviderCatalog {

  private final Map<String, ResourceDriver> drivers = new LinkedHashMap<>();

  public ProviderRegistry(List<? extends ResourceDriver> all) {
    for (ResourceDriver d : all) {
      ResourceTypeSpec spec = d.spec();
      checkCapabilities(d, spec);
      if (drivers.putIfAbsent(key(spec.provider(), spec.type()), d) != null) {
        throw new IllegalArgumentException("two drivers for " + spec.provider() + "/" + spec.type());
      }
    }
  }

  @Override
  public Set<String> providers() {
    Set<String> names = new TreeSet<>();
    drivers.values().forEach(d -> names.add(d.spec().provider()));
    return names;
  }

  @Override
  public Optional<ResourceTypeSpec> resourceType(String provider, String type) {
    return driver(provider, type).map(ResourceDriver::spec);
  }

  public Optional<ResourceDriver> driver(String provider, String type) {
    return Optional.ofNullable(drivers.get(key(provider, type)));
  }

  public List<ResourceTypeSpec> specs() {
    return drivers.values().stream().map(ResourceDriver::spec).toList();
  }

  private static String key(String provider, String type) {
    return provider + "/" + type;
  }

  /** A driver must implement exactly the capability interfaces for the actions its spec declares. */
  private static void checkCapabilities(ResourceDriver d, ResourceTypeSpec spec) {
    if (!spec.implemented()) {
      return;
    }
    for (Action a : Action.values()) {
      if (!a.isProviderAction()) {
        continue;
      }
      boolean declared = spec.actions().containsKey(a);
      boolean implemented = capability(a).isInstance(d);
      if (declared != implemented) {
        throw new IllegalStateException(spec.provider() + "/" + spec.type() + ": action " + a.yamlName()
            + (declared ? " is declared but not implemented" : " is implemented but not declared"));
      }
    }
  }

  static Class<? extends ResourceDriver> capability(Action a) {
    return switch (a) {
      case SNAPSHOT -> Snapshots.class;
      case RESTORE -> Restores.class;
      case VERIFY -> Verifies.class;
      case FAILOVER -> Failovers.class;
      case FAILBACK -> Failbacks.class;
      case EXPORT -> Exports.class;
      case IMPORT -> Imports.class;
      case DELETE -> Deletes.class;
      default -> throw new IllegalArgumentException(a + " is not a provider action");
    };
  }
}
