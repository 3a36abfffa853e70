package io.drillbook.drill;

import io.drillbook.plan.Raci;
import java.util.Map;

/**
 * One event for the traceability log, as the workflow builds it (time from workflow time, seq from the
 * workflow's own counter), so a retry produces the same event. {@code payload} holds metadata only:
 * identifiers, counts, checksums, durations.
 *
 * @param stepId null for drill-level events
 * @param raci null for events not tied to a step
 */
public record EvidenceAppend(
    String tenant,
    String drillId,
    long seq,
    String type,
    String stepId,
    Raci raci,
    String actor,
    long timeMillis,
    Map<String, Object> payload) {}
