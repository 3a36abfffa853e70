package io.drillbook.provider;

/**
 * A resource type that plans may name (so they validate and their RACI can be reviewed) but whose actions
 * this build does not carry out; the provider activity fails such a step with a "not supported" error.
 */
public record UnsupportedResourceType(ResourceTypeSpec spec) implements ResourceDriver {
  public UnsupportedResourceType {
    if (spec.implemented()) {
      throw new IllegalArgumentException(spec.provider() + "/" + spec.type() + " is declared implemented");
    }
  }
}
