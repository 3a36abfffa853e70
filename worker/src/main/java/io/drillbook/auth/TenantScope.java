package io.drillbook.auth;

import io.drillbook.evidence.DrillFilter;
import java.util.Optional;

/**
 * The tenants a caller may see: one, or all of them. Anything outside the scope is answered exactly as if it
 * did not exist, so a client cannot even learn that another tenant's drill or plan exists.
 *
 * @param tenant the one tenant, or null for every tenant
 */
public record TenantScope(String tenant) {

  public static final TenantScope ALL = new TenantScope(null);

  public boolean includes(String candidate) {
    return tenant == null || tenant.equals(candidate);
  }

  /**
   * The filter limited to this scope, or empty when it asks for a tenant outside it (the caller then gets the
   * same answer as for a tenant that does not exist).
   */
  public Optional<DrillFilter> restrict(DrillFilter filter) {
    if (tenant == null) {
      return Optional.of(filter);
    }
    if (filter.tenant() != null && !filter.tenant().equals(tenant)) {
      return Optional.empty();
    }
    return Optional.of(filter.withTenant(tenant));
  }
}
