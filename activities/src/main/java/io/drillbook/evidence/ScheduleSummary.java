package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A schedule as its evidence stream records it: what its {@code schedule.created} event says, and its
 * {@code schedule.deleted} if any. Listings start here because the embedded Temporal server cannot list
 * workflows; the live state (next fire, verdicts, overdue) comes from the schedule's workflow.
 *
 * @param cron the cron and {@code timezone} it was created with (a later change is in the live state)
 * @param createdBy the {@code schedule.created} event's actor
 * @param deletedBy null while the schedule lives, like {@code deletedAt}
 */
public record ScheduleSummary(
    String scheduleId,
    String tenant,
    String planName,
    String planType,
    String planFile,
    String planSha256,
    String cron,
    String timezone,
    String createdBy,
    Instant createdAt,
    String deletedBy,
    Instant deletedAt) {

  static ScheduleSummary of(String scheduleId, String tenant, String createdBy, Instant createdAt, JsonNode created,
      String deletedBy, Instant deletedAt) {
    return new ScheduleSummary(scheduleId, tenant, text(created, "planName"), text(created, "planType"),
        text(created, "planFile"), text(created, "planSha256"), text(created, "cron"), text(created, "timezone"),
        createdBy, createdAt, deletedBy, deletedAt);
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  private static String text(JsonNode payload, String key) {
    JsonNode value = payload.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
