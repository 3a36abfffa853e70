package io.drillbook.plan;

import java.util.List;

/**
 * One of the plan's parties (client, MSP, cloud provider, or any other key). A RACI name is either a party
 * key or one of its {@code members}.
 */
public record Party(String name, List<Integer> hdsActivities, List<String> members) {
  public Party {
    hdsActivities = hdsActivities == null ? List.of() : hdsActivities;
    members = members == null ? List.of() : members;
  }
}
