package io.drillbook.runtime;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceEvents;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sweep removed for one tenant, as an evidence stream of its own: a finished drill's chain is
 * sealed by its anchor, so the resources reclaimed after it cannot be appended there. The stream has a new
 * drill-format ID, the tenant of the drills whose resources it names, the actor {@code drillbook-sweeper},
 * and is anchored in that tenant's chain like a drill: {@code sweep.started}, one {@code resource.reclaimed}
 * (or {@code resource.leaked}, when removing failed) per resource, {@code sweep.completed}.
 */
final class SweepEvidence {

  private final EvidenceStore store;

  SweepEvidence(EvidenceStore store) {
    this.store = store;
  }

  /** Appends and anchors the stream; returns its ID. */
  String record(String tenant, Path workDir, List<Swept> swept) {
    String streamId = DrillId.newId();
    long seq = 0;
    append(tenant, streamId, ++seq, EvidenceEvents.SWEEP_STARTED, Map.of("workDir", workDir.toString(), "resources", swept.size()));
    for (Swept s : swept) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("drillId", s.drillId());
      payload.put("stepId", s.stepId());
      payload.put("kind", s.kind());
      payload.put("path", s.path());
      payload.put("reason", s.reason());
      if (!s.removed()) {
        payload.put("error", s.failure());
      }
      append(tenant, streamId, ++seq, s.removed() ? EvidenceEvents.RESOURCE_RECLAIMED : EvidenceEvents.RESOURCE_LEAKED, payload);
    }
    long reclaimed = swept.stream().filter(Swept::removed).count();
    append(tenant, streamId, ++seq, EvidenceEvents.SWEEP_COMPLETED,
        Map.of("reclaimed", reclaimed, "leaked", swept.size() - reclaimed));
    store.anchor(tenant, streamId);
    return streamId;
  }

  private void append(String tenant, String streamId, long seq, String type, Map<String, Object> payload) {
    store.append(new EvidenceAppend(tenant, streamId, seq, type, null, null, EvidenceEvents.SWEEPER_ACTOR,
        System.currentTimeMillis(), payload));
  }
}
