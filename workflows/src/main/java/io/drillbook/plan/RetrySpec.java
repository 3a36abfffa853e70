package io.drillbook.plan;

import java.time.Duration;

/** {@code retry: { attempts: 3, backoff: 30s }}: total attempts (1 = no retry) and the first backoff. */
public record RetrySpec(int attempts, Duration backoff) {}
