package io.drillbook.evidence.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.bundle.RecordedDrill;
import io.drillbook.evidence.report.ReportOutline.Objective;
import io.drillbook.evidence.report.ReportOutline.Step;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's facts as other renderers get them: the report's own words, in each language. */
class ReportOutlineTest {
  @TempDir static Path home;
  private static EvidenceStore store;
  private static List<EvidenceEvent> passing;
  private static List<EvidenceEvent> failing;

  @BeforeAll
  static void record() {
    store = EvidenceStore.open(EvidenceConfig.h2(home));
    passing = store.events(RecordedDrill.passing(store, "clinique-saint-roch").drillId());
    failing = store.events(RecordedDrill.failing(store, "clinique-saint-roch").drillId());
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void aPassingDrillIsWordedAsTheReportWordsIt() {
    ReportOutline fr = ReportOutline.of(passing, ReportLanguage.FR);
    assertEquals("PASSED", fr.verdictCode());
    assertEquals("RÉUSSI", fr.verdict());
    Objective rto = fr.objectives().getFirst();
    assertEquals(List.of("RTO — durée maximale d'interruption", "30 min", "14 min", "respecté", "met"),
        List.of(rto.name(), rto.target(), rto.achieved(), rto.result(), rto.status()));
    assertTrue(fr.steps().stream().allMatch(s -> s.status().equals("ok")));
    assertTrue(fr.steps().stream().noneMatch(s -> s.accountable().length() == 1), "RACI names spelled out");
    assertTrue(fr.decisions().stream().anyMatch(d -> d.decision().equals("approuvée")));
    assertTrue(fr.timelineHtml().contains("<svg") && !fr.timelineHtml().contains("style="));
    assertEquals("Accountable (answers for it)", ReportOutline.Label.ACCOUNTABLE.in(ReportLanguage.EN));
    assertEquals("PASSED", ReportOutline.of(passing, ReportLanguage.EN).verdict());
  }

  @Test
  void aFailingDrillNamesTheFailedStepAndWhy() {
    ReportOutline en = ReportOutline.of(failing, ReportLanguage.EN);
    assertEquals("FAILED", en.verdict());
    assertTrue(en.failureReason().contains("verify-data"));
    Step failed = en.steps().stream().filter(s -> s.status().equals("ko")).findFirst().orElseThrow();
    assertEquals("verify-data", failed.id());
    assertEquals("failed", failed.outcome());
    assertTrue(failed.note().contains("18 200 instead of 18 240"), failed.note());
    assertFalse(en.identity().isEmpty());
  }
}
