package io.drillbook.plan;

import java.util.List;

/**
 * Rule 5: continuity and test plans state what they must achieve (RTO and RPO); migration and
 * reversibility plans move the data out (export) or in (import) and verify what they moved.
 */
final class ObjectivesRule implements RuleCheck {

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    PlanType type = parsed.plan().metadata().type();
    if (type == null) {
      return;
    }
    SourceMap src = parsed.sources();
    if (type.requiresObjectives()) {
      SourcePosition at = src.has("objectives") ? src.at("objectives") : src.at("metadata.type");
      if (!src.has("objectives.rto")) {
        findings.error(at, ValidationRule.OBJECTIVES, "a " + type + " plan states its recovery time objective: add "
            + "objectives.rto, the longest acceptable outage (e.g. rto: 4h)");
      }
      if (!src.has("objectives.rpo")) {
        findings.error(at, ValidationRule.OBJECTIVES, "a " + type + " plan states its recovery point objective: add "
            + "objectives.rpo, the most data (in time) it may lose (e.g. rpo: 15m)");
      }
    }
    if (type == PlanType.MIGRATION || type == PlanType.REVERSIBILITY) {
      checkDataLeavesAndIsVerified(type, parsed.plan().steps(), src.at("metadata.type"), findings);
    }
  }

  private static void checkDataLeavesAndIsVerified(PlanType type, List<Step> steps, SourcePosition at, Findings findings) {
    List<String> moves = steps.stream()
        .filter(s -> s.id() != null && (s.action() == Action.EXPORT || s.action() == Action.IMPORT))
        .map(Step::id).toList();
    if (moves.isEmpty()) {
      findings.error(at, ValidationRule.OBJECTIVES, "a " + type + " plan moves the data: add an export step (or an "
          + "import step) and a verify step with from: set to it");
      return;
    }
    boolean verified = steps.stream().anyMatch(s -> s.action() == Action.VERIFY && moves.contains(s.from()));
    if (!verified) {
      findings.error(at, ValidationRule.OBJECTIVES, "a " + type + " plan proves what it moved: add a verify step with "
          + "from: " + moves.get(0) + " (it re-reads the export's manifest and checksums)");
    }
  }
}
