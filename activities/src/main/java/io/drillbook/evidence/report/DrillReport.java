package io.drillbook.evidence.report;

import io.drillbook.evidence.EvidenceEvent;
import java.time.Instant;
import java.util.List;

/**
 * The report of one drill, for the client's IT manager and the auditor: identity, participants and RACI, the
 * timeline, measurements, RTO/RPO against their objectives, integrity checks, approvals, failures with corrective
 * actions, and the verdict. It is made from the drill's evidence events alone, so the report inside a bundle needs
 * nothing but the bundle, and it says nothing the evidence does not.
 */
public final class DrillReport {

  private final DrillFacts facts;

  private DrillReport(DrillFacts facts) {
    this.facts = facts;
  }

  /**
   * @param events the drill's events in seq order, as the evidence store returns them
   * @throws IllegalArgumentException when there are none
   */
  public static DrillReport of(List<EvidenceEvent> events) {
    return new DrillReport(DrillFacts.from(events));
  }

  /** A self-contained XHTML document (inline styles and SVG, no external resource). */
  public String html(ReportLanguage lang, Instant generatedAt) {
    return ReportHtml.render(facts, lang, generatedAt);
  }

  /** The same document as an A4 PDF with embedded fonts. */
  public byte[] pdf(ReportLanguage lang, Instant generatedAt) {
    String title = Text.DOCUMENT_KIND.in(lang) + " " + facts.drillId()
        + (facts.planName() == null ? "" : " — " + facts.planName());
    return ReportPdf.render(html(lang, generatedAt), title, lang, generatedAt);
  }
}
