package io.drillbook.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.plan.Raci;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaciAuthorityTest {

  private final RaciAuthority authority = new RaciAuthority(TestPlans.plan("raci").build().parties());

  @Test
  void anAccountablePartyIsTheKeyAndItsMembers() {
    Raci raci = TestPlans.raci("oncall", "client");
    assertTrue(authority.isAccountable(raci, "client"));
    assertTrue(authority.isAccountable(raci, "dsi@client"));
    assertFalse(authority.isAccountable(raci, "msp-manager"));
    assertFalse(authority.isAccountable(raci, null));
  }

  @Test
  void anAccountableMemberIsOnlyThatMember() {
    Raci raci = TestPlans.raci("oncall", "msp-manager");
    assertTrue(authority.isAccountable(raci, "msp-manager"));
    assertFalse(authority.isAccountable(raci, "msp"), "the party does not stand for one of its members");
    assertFalse(authority.isAccountable(raci, "oncall"));
  }

  @Test
  void anyResponsibleMayCompleteAManualStep() {
    Raci raci = new Raci(List.of("msp-dba", "client"), "msp-manager", List.of(), List.of());
    assertTrue(authority.isResponsible(raci, "msp-dba"));
    assertTrue(authority.isResponsible(raci, "dsi@client"));
    assertFalse(authority.isResponsible(raci, "msp-manager"));
  }

  @Test
  void escalationGoesToTheAccountablesPartyThenTheInformedOnce() {
    assertEquals(List.of("msp", "client"),
        authority.escalationRecipients(TestPlans.raci("oncall", "msp-manager", "client", "msp")));
    assertEquals(List.of("client", "cloud"),
        authority.escalationRecipients(TestPlans.raci("oncall", "client", "cloud")));
  }
}
