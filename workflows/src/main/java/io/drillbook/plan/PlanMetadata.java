package io.drillbook.plan;

/** {@code metadata:} of a plan. {@code schedule} and {@code timezone} may be null. */
public record PlanMetadata(
    String name,
    String tenant,
    PlanType type,
    boolean healthData,
    String description,
    String schedule,
    String timezone) {}
