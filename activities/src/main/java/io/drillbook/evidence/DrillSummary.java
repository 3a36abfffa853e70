package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.plan.PlanType;
import java.time.Instant;

/**
 * One line of a drill listing, read back from the drill's {@code drill.started} and {@code drill.completed}
 * events: the evidence store is the only list of drills (the embedded Temporal server has no visibility).
 *
 * @param actor who started the drill (the {@code drill.started} event's actor)
 * @param endedAt null while the drill runs, like {@code verdict}
 * @param achievedRtoMillis null when not measured, like {@code achievedRpoMillis}
 */
public record DrillSummary(
    String drillId,
    String tenant,
    String planName,
    PlanType planType,
    String planSha256,
    Trigger trigger,
    String actor,
    Instant startedAt,
    Instant endedAt,
    Verdict verdict,
    Long achievedRtoMillis,
    Long achievedRpoMillis) {

  /** @param completed the {@code drill.completed} payload, null if the drill has not completed */
  static DrillSummary of(String drillId, String tenant, String actor, Instant startedAt, JsonNode started,
      Instant endedAt, JsonNode completed) {
    return new DrillSummary(drillId, tenant, text(started, "planName"),
        named(PlanType.class, text(started, "planType")), text(started, "planSha256"),
        named(Trigger.class, text(started, "trigger")), actor, startedAt, endedAt,
        completed == null ? null : named(Verdict.class, text(completed, "verdict")),
        completed == null ? null : millis(completed, "achievedRtoMillis"),
        completed == null ? null : millis(completed, "achievedRpoMillis"));
  }

  private static String text(JsonNode payload, String key) {
    JsonNode value = payload.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long millis(JsonNode payload, String key) {
    JsonNode value = payload.get(key);
    return value != null && value.canConvertToLong() ? value.asLong() : null;
  }

  // A value this version does not know (written by a newer drillbook) lists as unknown rather than failing
  // the whole listing.
  private static <E extends Enum<E>> E named(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
