package io.drillbook.auth;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * An authenticated caller.
 *
 * @param name the name the caller acts under: recorded as the actor of what it starts, decides or aborts, and
 *     checked against a step's RACI by the workflow
 * @param roles may be empty (an identity-provider token without a drillbook role): such a caller may do nothing
 * @param tenant the one tenant the caller belongs to, or null for an MSP caller that sees every tenant
 * @param credential which credential authenticated it, for the server log: an API token ID or an OIDC subject
 */
public record Principal(String name, Set<Role> roles, String tenant, String credential) {

  public Principal {
    roles = Set.copyOf(roles);
    if (tenant == null && roles.stream().anyMatch(Role::isClient)) {
      throw new IllegalArgumentException("a client role needs a tenant");
    }
  }

  public boolean may(Permission permission) {
    return roles.stream().anyMatch(r -> r.grants(permission));
  }

  public TenantScope scope() {
    return tenant == null ? TenantScope.ALL : new TenantScope(tenant);
  }

  /** The roles as their names, for messages. */
  public String roleNames() {
    return roles.isEmpty() ? "no drillbook role" : roles.stream().map(Role::id).sorted().collect(Collectors.joining(", "));
  }
}
