package io.drillbook.drill;

import io.drillbook.plan.Party;
import io.drillbook.plan.Raci;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who may decide a waiting step. A RACI name is either a party key (then the key itself and every member of
 * that party qualify) or a member of a party (then only that member): an approval is decided by the
 * Accountable, a manual step completed by one of the Responsible. The workflow applies it to decisions; the
 * portal's approvals inbox applies it to show each user the steps waiting for them.
 */
public final class RaciAuthority {

  private final Map<String, Party> parties;

  public RaciAuthority(Map<String, Party> parties) {
    this.parties = parties;
  }

  public boolean isAccountable(Raci raci, String actor) {
    return raci != null && stands(raci.accountable(), actor);
  }

  public boolean isResponsible(Raci raci, String actor) {
    return raci != null && raci.responsible().stream().anyMatch(name -> stands(name, actor));
  }

  /**
   * Who hears about an escalation: the party of the Accountable (the party itself when the Accountable is a
   * party key, the party holding the member otherwise) and the Informed, each once, in that order.
   */
  List<String> escalationRecipients(Raci raci) {
    List<String> to = new ArrayList<>();
    addOnce(to, List.of(partyOf(raci.accountable())));
    addOnce(to, raci.informed());
    return to;
  }

  /** The party key {@code name} belongs to, or {@code name} itself when it is a party key or unknown. */
  String partyOf(String name) {
    if (parties.containsKey(name)) {
      return name;
    }
    return parties.entrySet().stream()
        .filter(e -> e.getValue().members().contains(name))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(name);
  }

  private boolean stands(String raciName, String actor) {
    if (raciName == null || actor == null) {
      return false;
    }
    if (raciName.equals(actor)) {
      return true;
    }
    Party party = parties.get(raciName);
    return party != null && party.members().contains(actor);
  }

  private static void addOnce(List<String> to, Collection<String> names) {
    names.stream().filter(n -> !to.contains(n)).forEach(to::add);
  }
}
