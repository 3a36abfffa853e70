package io.drillbook.provider;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the installed providers can do, as the validator sees it: which resource types each provider has,
 * which actions each type supports and which parameters each action takes. Implemented in the activities
 * module by the provider registry; the plan validator depends only on this interface.
 */
public interface ProviderCatalog {

  Set<String> providers();

  /** The resource type {@code type} of {@code provider}, if that provider has it. */
  Optional<ResourceTypeSpec> resourceType(String provider, String type);

  /** Every resource type of every provider; the validator lists them when a plan names one that is not. */
  List<ResourceTypeSpec> specs();
}
