package io.drillbook.portal.view;

/**
 * A step waiting for a decision the signed-in user may take.
 *
 * @param approval true for an approval step (approve or deny), false for a manual one (complete)
 * @param deciders who the RACI names to decide
 */
public record WaitingStep(String drillId, String plan, String tenant, String stepId, String action, boolean approval,
    String deciders, String since) {

  /** Where the decision form posts, without the verb. */
  public String actionUrl() {
    return "/portal/drills/" + drillId + "/steps/" + stepId + "/";
  }
}
