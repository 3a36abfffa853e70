package io.drillbook.plan;

import io.drillbook.plan.ParsedPlan.PlacedStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule 2: every step names exactly one Accountable and at least one Responsible, and every name in a RACI
 * (or in a notify step's recipients) is a declared party or party member, listed once.
 */
final class RaciRule implements RuleCheck {

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    SourceMap src = parsed.sources();
    PartyDirectory directory = PartyDirectory.of(parsed.plan());
    checkMembersListedOnce(parsed.plan(), src, findings);
    for (PlacedStep p : parsed.placedSteps()) {
      Raci raci = p.step().raci();
      String path = p.field("raci");
      if (raci == null) {
        findings.error(src.at(p.path()), ValidationRule.RACI, p.label() + " has no raci: add raci: { responsible: NAME, "
            + "accountable: NAME } (who does it, and the one who answers for it and signs it off)");
        continue;
      }
      if (raci.responsible().isEmpty()) {
        findings.error(src.at(path), ValidationRule.RACI, p.label() + " has no Responsible: add responsible: NAME "
            + "(who does the work; one or more)");
      }
      boolean accountableWasAList = src.has(SourceMap.child(path, "accountable") + "[0]");
      if (raci.accountable() == null && !accountableWasAList) {
        findings.error(src.at(path), ValidationRule.RACI, p.label() + " has no Accountable: add accountable: NAME "
            + "(exactly one: who answers for the step and signs it off)");
      }
      checkNames(p, "raci.responsible", raci.responsible(), "", directory, src, findings);
      checkNames(p, "raci.accountable", raci.accountable() == null ? List.of() : List.of(raci.accountable()),
          unapproved(p.step().action()), directory, src, findings);
      checkNames(p, "raci.consulted", raci.consulted(), "", directory, src, findings);
      checkNames(p, "raci.informed", raci.informed(), "", directory, src, findings);
      if (p.step().action() == Action.NOTIFY && p.step().with().get("to") instanceof List<?> to) {
        checkNames(p, "with.to", to.stream().map(String::valueOf).toList(), "", directory, src, findings);
      }
    }
  }

  /** Why an undeclared Accountable matters more on a step that waits for that person. */
  private static String unapproved(Action action) {
    if (action == Action.APPROVAL) {
      return ", so nobody could approve this step";
    }
    return action == Action.MANUAL ? ", so nobody could confirm this step" : "";
  }

  private static void checkNames(PlacedStep p, String field, List<String> names, String consequence,
      PartyDirectory directory, SourceMap src, Findings findings) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (directory.partyOf(name).isEmpty()) {
        findings.error(src.at(SourceMap.item(p.field(field), i)), ValidationRule.RACI,
            "'" + name + "' in " + field + " of " + p.label() + " is not a declared party or party member"
                + Suggestion.didYouMean(name, directory.names()) + consequence
                + "; declare it under parties (as a party key, or in a party's members)");
      }
    }
  }

  /** A member listed under two parties, or named like a party, would make the RACI ambiguous. */
  private static void checkMembersListedOnce(Plan plan, SourceMap src, Findings findings) {
    Map<String, String> seen = new HashMap<>();
    plan.parties().keySet().forEach(k -> seen.put(k, "is a party key"));
    plan.parties().forEach((key, party) -> {
      for (int i = 0; i < party.members().size(); i++) {
        String member = party.members().get(i);
        String earlier = seen.putIfAbsent(member, "is a member of " + key);
        if (earlier != null) {
          findings.error(src.at(SourceMap.item("parties." + key + ".members", i)), ValidationRule.RACI,
              "'" + member + "' " + earlier + " already, so a RACI naming it would be ambiguous: give each person or "
                  + "role one name, listed under one party");
        }
      }
    });
  }

}
