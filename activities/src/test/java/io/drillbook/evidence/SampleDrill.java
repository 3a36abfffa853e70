package io.drillbook.evidence;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events of one made-up restore test, as a DrillWorkflow would append them. */
public record SampleDrill(String tenant, String drillId, Instant start) {

  static final Raci DBA_STEP = new Raci(List.of("msp-dba"), "msp-manager", List.of(), List.of("client"));

  public static SampleDrill of(String tenant) {
    return new SampleDrill(tenant, "drl-" + UUID.randomUUID(), Instant.parse("2026-11-03T10:00:00Z"));
  }

  public SampleDrill startingAt(Instant time) {
    return new SampleDrill(tenant, drillId, time);
  }

  EvidenceAppend event(long seq, String type, String stepId, Raci raci, Map<String, Object> payload) {
    return new EvidenceAppend(tenant, drillId, seq, type, stepId, raci, "oncall",
        start.toEpochMilli() + seq * 1_000, payload);
  }

  EvidenceAppend started(String planName, String planType) {
    return event(1, "drill.started", null, null, Map.of("planName", planName, "planType", planType,
        "planSha256", "9f2c0a7e".repeat(8), "trigger", "SCHEDULE", "actor", "scheduler"));
  }

  EvidenceAppend stepStarted(long seq, String stepId) {
    return event(seq, "step.started", stepId, DBA_STEP, Map.of());
  }

  EvidenceAppend stepCompleted(long seq, String stepId) {
    return event(seq, "step.completed", stepId, DBA_STEP, Map.of("durationMillis", 42_000 + seq,
        "rowCount", 1_204_331, "checksum", "sha256:" + "ab".repeat(32), "requestIds", List.of("req-1", "req-2")));
  }

  EvidenceAppend completed(long seq, String verdict, long rtoMillis) {
    return event(seq, "drill.completed", null, null,
        Map.of("verdict", verdict, "achievedRtoMillis", rtoMillis, "achievedRpoMillis", 60_000));
  }

  /** drill.started, then step.started/step.completed pairs, then drill.completed: {@code 2 + 2 * steps} events. */
  public List<EvidenceAppend> complete(String planName, String planType, int steps, String verdict) {
    List<EvidenceAppend> events = new ArrayList<>();
    events.add(started(planName, planType));
    for (int i = 0; i < steps; i++) {
      events.add(stepStarted(2 + 2L * i, "step-" + i));
      events.add(stepCompleted(3 + 2L * i, "step-" + i));
    }
    events.add(completed(2 + 2L * steps, verdict, 3_600_000));
    return events;
  }
}
