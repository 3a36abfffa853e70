package io.drillbook.provider;

/**
 * Carries out the actions of one resource type of one provider. A driver implements the capability
 * interfaces it supports ({@link Snapshots}, {@link Restores}, ...); its {@link #spec()} declares the same
 * actions with their parameter schemas, and {@link ProviderRegistry} checks the two agree at start-up.
 */
public interface ResourceDriver {

  ResourceTypeSpec spec();
}
