package io.drillbook.service;

import io.drillbook.drill.DrillProgress;
import io.drillbook.evidence.DrillSummary;

/**
 * One drill as the evidence store records it and, while Temporal still has it, as its workflow reports it.
 *
 * @param summary null for a drill whose first event is not stored yet (it has just started)
 * @param progress null when Temporal does not know the drill (any more) or does not answer
 */
public record DrillView(DrillSummary summary, DrillProgress progress) {}
