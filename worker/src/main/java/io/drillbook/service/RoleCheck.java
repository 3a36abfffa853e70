package io.drillbook.service;

import io.drillbook.auth.Permission;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import io.drillbook.service.ServiceRefusal.Kind;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The one place the service layer turns a missing permission into a refusal naming the roles that have it. */
final class RoleCheck {
  private RoleCheck() {}

  /** @param action what was asked, for the message, e.g. "start drills" */
  static void require(Principal who, Permission permission, String action) {
    if (!who.may(permission)) {
      String granted = Arrays.stream(Role.values()).filter(r -> r.grants(permission)).map(Role::id)
          .collect(Collectors.joining(", "));
      throw new ServiceRefusal(Kind.FORBIDDEN, who.name() + " (" + who.roleNames() + ") may not " + action,
          "use a token with one of the roles " + granted);
    }
  }
}
