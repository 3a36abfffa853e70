package io.drillbook.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who a RACI name designates. A name is a party key ({@code client}) or a member of a party
 * ({@code msp-dba} of {@code msp}); a member belongs to the party that lists it. The validator refuses
 * a name listed twice, so the lookup is never ambiguous in a valid plan.
 */
final class PartyDirectory {

  private final Map<String, String> partyOfName = new LinkedHashMap<>();

  private PartyDirectory(Map<String, Party> parties) {
    parties.keySet().forEach(key -> partyOfName.put(key, key));
    parties.forEach((key, party) -> party.members().forEach(member -> partyOfName.putIfAbsent(member, key)));
  }

  static PartyDirectory of(Plan plan) {
    return new PartyDirectory(plan.parties());
  }

  /** The party key a name belongs to: itself for a party key, the listing party for a member. */
  Optional<String> partyOf(String name) {
    return Optional.ofNullable(partyOfName.get(name));
  }

  /** Every declared name, parties first, for "did you mean" hints. */
  Set<String> names() {
    return partyOfName.keySet();
  }
}
