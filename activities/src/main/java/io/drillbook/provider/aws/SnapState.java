package io.drillbook.provider.aws;

import java.time.Instant;
import java.util.Map;

/** A DB snapshot or DB cluster snapshot as RDS describes it. */
record SnapState(String id, String arn, String status, Instant createdAt, Integer allocatedGb, Map<String, String> tags) {}
