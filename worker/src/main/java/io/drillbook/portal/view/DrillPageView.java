package io.drillbook.portal.view;

import io.drillbook.evidence.report.ReportOutline;
import java.util.List;

/**
 * One drill.
 *
 * @param outline null while the drill's first event is not stored yet
 * @param intact whether the evidence chain verified
 * @param integrity what the verification found, worded
 * @param waiting the drill's steps waiting for a decision of the user
 * @param notice a confirmation after a decision, or null
 */
public record DrillPageView(Frame frame, String drillId, ReportOutline outline, boolean intact, String integrity,
    List<WaitingStep> waiting, String notice) {

  public String bundleUrl() {
    return "/portal/drills/" + drillId + "/bundle.zip?lang=" + frame.langCode();
  }
}
