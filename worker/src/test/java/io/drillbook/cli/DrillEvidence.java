package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What crash tests wait for and check in a drill's evidence. */
final class DrillEvidence {
  private DrillEvidence() {}

  /** Waits (up to a minute) until the drill has recorded {@code type} for {@code step}. */
  static void await(EvidenceStore evidence, String id, String type, String step) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      if (evidence.events(id).stream().anyMatch(e -> e.type().equals(type) && step.equals(e.stepId()))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(type + " of " + step + " never recorded");
  }

  /**
   * Checks that the chain verifies, is anchored, and holds no {@code *.started} or {@code *.completed} event
   * twice for one step (a retried activity must never duplicate evidence); returns those events as
   * {@code type/step}.
   */
  static Set<String> intactAndOnce(EvidenceStore evidence, String id) {
    ChainVerification chain = evidence.verify(id);
    assertTrue(chain.intact(), chain.summary());
    assertTrue(chain.anchored(), chain.summary());
    Set<String> once = new HashSet<>();
    for (EvidenceEvent e : evidence.events(id)) {
      if (e.type().endsWith(".started") || e.type().endsWith(".completed")) {
        assertTrue(once.add(e.type() + "/" + e.stepId()), "duplicated event " + e.type() + " of " + e.stepId());
      }
    }
    return once;
  }

  /**
   * The restore crash tests' verdict on the evidence: intact, anchored, each event once, restore, verify and both
   * cleanups recorded, and the restore completed after the first worker was killed (so by the second one).
   */
  static void restoreFinishedByTheSecondWorker(EvidenceStore evidence, String id, Instant killedAt) {
    Set<String> once = intactAndOnce(evidence, id);
    assertTrue(once.containsAll(List.of("step.completed/restore", "step.completed/verify", "cleanup.completed/drop-scratch",
        "cleanup.completed/drop-snapshot")), once.toString());
    EvidenceEvent restored = evidence.events(id).stream()
        .filter(e -> e.type().equals("step.completed") && "restore".equals(e.stepId())).findFirst().orElseThrow();
    assertTrue(restored.time().isAfter(killedAt), "the restore was completed by the second worker");
  }
}
