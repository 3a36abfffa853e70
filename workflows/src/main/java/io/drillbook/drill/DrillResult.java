package io.drillbook.drill;

import java.util.List;

/**
 * What a finished drill returns: the verdict, the achieved RTO/RPO (null when not measured) with how each
 * was measured, the observations, and the hash of the last evidence event (the chain head).
 */
public record DrillResult(
    String drillId,
    Verdict verdict,
    Long achievedRtoMillis,
    String rtoMeasuredBy,
    Long achievedRpoMillis,
    String rpoMeasuredBy,
    List<String> observations,
    String failureReason,
    long lastSeq,
    String lastHash) {}
