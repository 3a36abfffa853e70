package io.drillbook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.DrillId;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.provider.local.ScratchSweeper.Swept;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepEvidenceTest {
  @TempDir Path home;

  @Test
  void aSweepIsAnAnchoredStreamWithOneEventPerResourceReclaimedOrLeaked() {
    try (EvidenceStore store = EvidenceStore.open(EvidenceConfig.h2(home))) {
      Path work = home.resolve("work");
      String drill = DrillId.newId();
      Swept reclaimed = new Swept(work.resolve("restore_a").toString(), drill, "restore", "scratch-cluster", "its drill has ended", null);
      Swept leaked = new Swept(work.resolve("snapshot_a").toString(), drill, "snapshot", "snapshot", "expired at 2026-11-28T10:00:00Z",
          "java.nio.file.AccessDeniedException: " + work.resolve("snapshot_a"));

      String stream = new SweepEvidence(store).record("clinic-a", work, List.of(reclaimed, leaked));

      assertTrue(DrillId.isValid(stream), stream);
      List<EvidenceEvent> events = store.events(stream);
      assertEquals(List.of("sweep.started", "resource.reclaimed", "resource.leaked", "sweep.completed"),
          events.stream().map(EvidenceEvent::type).toList());
      assertEquals(2, events.get(0).payload().get("resources").asInt());
      assertEquals(work.toString(), events.get(0).payload().get("workDir").asText());
      EvidenceEvent gone = events.get(1);
      assertEquals(drill, gone.payload().get("drillId").asText());
      assertEquals("restore", gone.payload().get("stepId").asText());
      assertEquals("scratch-cluster", gone.payload().get("kind").asText());
      assertFalse(gone.payload().has("error"));
      assertTrue(events.get(2).payload().get("error").asText().startsWith("java.nio.file.AccessDeniedException"));
      assertEquals(1, events.get(3).payload().get("reclaimed").asInt());
      assertEquals(1, events.get(3).payload().get("leaked").asInt());
      assertTrue(events.stream().allMatch(e -> e.tenant().equals("clinic-a") && e.actor().equals("drillbook-sweeper") && e.stepId() == null));
      ChainVerification chain = store.verify(stream);
      assertTrue(chain.intact() && chain.anchored(), chain.summary());
    }
  }
}
