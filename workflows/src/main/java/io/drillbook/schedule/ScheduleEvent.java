package io.drillbook.schedule;

import java.util.Map;

/**
 * One change of a schedule for the traceability log: who did what, when (workflow time), numbered by the
 * schedule's own seq so a retried record is stored once. {@code payload} holds metadata only (cron, zone,
 * drill IDs, verdicts, reasons typed by staff).
 *
 * @param type one of the {@link ScheduleEvents} constants
 * @param actor who made the change; {@code schedule:<scheduleId>} for what the schedule does by itself
 */
public record ScheduleEvent(
    String tenant,
    String scheduleId,
    long seq,
    String type,
    String actor,
    long timeMillis,
    Map<String, Object> payload) {}
