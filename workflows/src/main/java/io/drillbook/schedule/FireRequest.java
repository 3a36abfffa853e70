package io.drillbook.schedule;

/**
 * A fire about to be handled: why, who asked (the schedule itself for cron fires and retests), and the time
 * it was due (the cron slot before jitter, the retest time, or the moment of the trigger).
 */
record FireRequest(FireReason reason, String requestedBy, long dueAtMillis) {}
