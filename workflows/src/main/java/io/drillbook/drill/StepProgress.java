package io.drillbook.drill;

import io.drillbook.plan.Raci;
import java.util.Map;

/**
 * Live view of one step, returned by the progress query. Times are epoch milliseconds of workflow time,
 * 0 when not reached yet.
 */
public record StepProgress(
    String id,
    String action,
    boolean cleanup,
    StepState state,
    long startedAt,
    long endedAt,
    Raci raci,
    String error,
    Map<String, Object> outputs) {}
