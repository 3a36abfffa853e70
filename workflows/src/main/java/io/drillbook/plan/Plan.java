package io.drillbook.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated drill plan (drillbook/v1). Immutable, serialisable by Temporal's Jackson converter, and
 * frozen into a {@link io.drillbook.drill.DrillRequest} before a drill starts, so a running drill never
 * sees later edits of the YAML file.
 */
public record Plan(
    String apiVersion,
    String kind,
    PlanMetadata metadata,
    Objectives objectives,
    Map<String, Party> parties,
    Map<String, Resource> resources,
    List<Step> steps,
    List<Step> cleanup) {

  public Plan {
    parties = parties == null ? Map.of() : parties;
    resources = resources == null ? Map.of() : resources;
    steps = steps == null ? List.of() : steps;
    cleanup = cleanup == null ? List.of() : cleanup;
  }

  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst()
        .or(() -> cleanup.stream().filter(s -> s.id().equals(id)).findFirst());
  }
}
