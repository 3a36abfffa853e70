package io.drillbook.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles of DESIGN.md, by the names tokens and identity providers carry. MSP roles see every tenant
 * unless their token names one; client roles always belong to one tenant.
 */
public enum Role {
  MSP_ADMIN("msp-admin", false, EnumSet.allOf(Permission.class)),
  MSP_OPERATOR("msp-operator", false, EnumSet.of(Permission.READ, Permission.START, Permission.DECIDE, Permission.ABORT)),
  SCHEDULER("scheduler", false, EnumSet.of(Permission.READ, Permission.SCHEDULE)),
  CLIENT_VIEWER("client-viewer", true, EnumSet.of(Permission.READ)),
  CLIENT_APPROVER("client-approver", true, EnumSet.of(Permission.READ, Permission.DECIDE));

  private final String id;
  private final boolean client;
  private final Set<Permission> permissions;

  Role(String id, boolean client, Set<Permission> permissions) {
    this.id = id;
    this.client = client;
    this.permissions = permissions;
  }

  /** The name in tokens, claims and messages, e.g. {@code client-viewer}. */
  public String id() {
    return id;
  }

  /** A client role: its holder must belong to one tenant. */
  public boolean isClient() {
    return client;
  }

  public boolean grants(Permission permission) {
    return permissions.contains(permission);
  }

  public static Optional<Role> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }

  /** Every role name, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
