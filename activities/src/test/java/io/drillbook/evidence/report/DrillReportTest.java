package io.drillbook.evidence.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.bundle.RecordedDrill;
import io.drillbook.evidence.report.ReportOutline.Objective;
import io.drillbook.evidence.report.ReportOutline.Step;
import io.drillbook.plan.Raci;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports of drills recorded in a real H2 store. The PDFs are also written to target/report-samples/ so a person
 * can look at them (pdftoppm -png -r 60 …).
 */
class DrillReportTest {

  private static final Instant GENERATED = Instant.parse("2026-11-03T11:00:00Z");
  private static final Path SAMPLES = Path.of("target", "report-samples");

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
  void frenchReportSpellsOutTheRaciAndStatesVerdictAndObjectives() {
    String html = DrillReport.of(passing).html(ReportLanguage.FR, GENERATED);
    assertTrue(html.contains("lang=\"fr\""));
    for (String expected : List.of("Responsable (réalise)", "Approbateur (rend compte)", "Consulté", "Informé",
        "RÉUSSI", "RTO — durée maximale d'interruption", "RPO — perte de données maximale", "30 min", "14 min",
        "✓ respecté", "equipe-dba", "dsi-clinique", "approuvée", "a.martin", "Restauration quotidienne — base DPI",
        "4be1f0c2d9a7e3b5", "req-7f3a-22b1", "req-81c2", "snap-20261103-0915", "125 400", "Contrôles d'intégrité",
        "sejours sans patient", "Aucune défaillance", "<svg")) {
      assertTrue(html.replace('\u202f', ' ').contains(expected), "the French report lacks: " + expected);
    }
    assertFalse(html.matches("(?s).*<t[dh]>[RACI]</t[dh]>.*"), "a RACI role is shown as a bare letter");
  }

  @Test
  void englishReportSaysTheSame() {
    String html = DrillReport.of(passing).html(ReportLanguage.EN, GENERATED);
    for (String expected : List.of("Responsible (does the work)", "Accountable (answers for it)", "Consulted",
        "Informed", "PASSED", "RTO — maximum time to recover", "RPO — maximum data loss", "✓ met", "approved",
        "No failures")) {
      assertTrue(html.contains(expected), "the English report lacks: " + expected);
    }
  }

  @Test
  void aFailedDrillGetsACorrectiveActionOwnedByTheStepsAccountableDueIn30Days() {
    String fr = DrillReport.of(failing).html(ReportLanguage.FR, GENERATED);
    assertTrue(fr.contains("ÉCHEC"));
    assertTrue(fr.contains("Étape <span class=\"mono\">verify-data</span> en échec"));
    assertTrue(fr.contains("<strong>resp-production</strong>"), "the owner is verify-data's Accountable");
    assertTrue(fr.contains("3 décembre 2026"), "retest due 30 days after the drill ended on 3 November");
    assertTrue(fr.contains("nouvel essai dû"));
    String en = DrillReport.of(failing).html(ReportLanguage.EN, GENERATED);
    assertTrue(en.contains("FAILED") && en.contains("retest due") && en.contains("3 December 2026"));
  }

  @Test
  void everythingFromEventsIsEscaped() {
    String html = DrillReport.of(passing).html(ReportLanguage.FR, GENERATED);
    assertTrue(html.contains("données vérifiées &lt;OK&gt; &amp; signées"));
    assertFalse(html.contains("<OK>"));
  }

  @Test
  void pdfHasPagesAndTheReportsText() throws IOException {
    for (ReportLanguage lang : ReportLanguage.values()) {
      for (Map.Entry<String, List<EvidenceEvent>> drill : Map.of("passing", passing, "failing", failing).entrySet()) {
        byte[] pdf = DrillReport.of(drill.getValue()).pdf(lang, GENERATED);
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        Files.createDirectories(SAMPLES);
        Files.write(SAMPLES.resolve("report-" + drill.getKey() + "." + lang.code() + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
          assertTrue(doc.getNumberOfPages() >= 2, "a full report takes a few pages");
          String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
          assertTrue(text.contains(lang == ReportLanguage.FR ? "Approbateur (rend compte)" : "Accountable (answers for it)"));
          assertEquals(lang.code(), doc.getDocumentCatalog().getLanguage());
        }
      }
    }
  }

  @Test
  void theSameReportRendersToTheSameBytes() {
    DrillReport report = DrillReport.of(passing);
    assertArrayEquals(report.pdf(ReportLanguage.FR, GENERATED), report.pdf(ReportLanguage.FR, GENERATED));
  }

  @Test
  void aHugeDrillIsDetailedUpToALimitButNeverHidesAFailure() {
    Raci raci = new Raci(List.of("equipe-dba"), "resp-production", List.of(), List.of());
    String drillId = "drl-huge-" + System.nanoTime();
    long t = Instant.parse("2026-11-03T09:00:00Z").toEpochMilli();
    long seq = 0;
    store.append(new EvidenceAppend("clinique-b", drillId, ++seq, "drill.started", null, null, "m.durand", t,
        Map.of("planName", "huge")));
    for (int step = 1; step <= 250; step++) {
      String id = "copy-" + step;
      store.append(new EvidenceAppend("clinique-b", drillId, ++seq, "step.started", id, raci, "drillbook", t += 100,
          Map.of("action", "restore")));
      store.append(new EvidenceAppend("clinique-b", drillId, ++seq, step == 230 ? "step.failed" : "step.completed",
          id, raci, "drillbook", t += 100, step == 230 ? Map.of("error", "disk full") : Map.of()));
    }
    String html = DrillReport.of(store.events(drillId)).html(ReportLanguage.EN, GENERATED);
    assertEquals(201, html.split("<td class=\"g-bar\">", -1).length - 1, "200 steps charted, and the failed one");
    assertTrue(html.contains("copy-200<") && !html.contains("copy-201<") && html.contains("copy-230<"));
    assertTrue(html.contains("49 more steps, all successful, are not detailed here"));
    assertTrue(html.contains("Step <span class=\"mono\">copy-230</span> failed: disk full"));
    assertTrue(html.contains("and 238 more steps"), "a participant's steps are counted past a dozen");
  }

  @Test
  void onlyFrenchAndEnglishAreOffered() {
    assertEquals(ReportLanguage.FR, ReportLanguage.of(null));
    assertEquals(ReportLanguage.EN, ReportLanguage.of(Locale.US));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReportLanguage.of(Locale.GERMAN));
    assertEquals("reports are written in French (fr) or English (en), not in 'de'", e.getMessage());
  }

  // ReportOutline: the report's facts as other renderers (the portal) get them, in the report's own words.

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
