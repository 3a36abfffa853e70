package io.drillbook.portal;

import io.drillbook.auth.Permission;
import io.drillbook.auth.Principal;
import io.drillbook.drill.RaciAuthority;
import io.drillbook.drill.StepProgress;
import io.drillbook.drill.StepState;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.evidence.report.ReportOutline;
import io.drillbook.plan.Action;
import io.drillbook.plan.Party;
import io.drillbook.portal.view.WaitingStep;
import io.drillbook.service.DrillAccess;
import io.drillbook.service.DrillView;
import io.drillbook.service.PlanLibrary;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.StoredPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps waiting for a decision the user may take: an approval whose Accountable, or a manual step one of
 * whose Responsible, is the user or a party the user is a member of (the rule the workflow itself applies when
 * the decision arrives, which stays the one that counts). Party members come from the drill's plan in the plans
 * directory, when that file is still the version the drill ran; otherwise only names given outright match.
 */
final class Inbox {
  private final DrillAccess access;
  private final PlanLibrary plans;

  Inbox(DrillAccess access, PlanLibrary plans) {
    this.access = access;
    this.plans = plans;
  }

  /**
   * Every step of the user's running drills waiting for the user, newest drill first. Every running drill is
   * looked at, however old: an approval left waiting for weeks is the one the Accountable most needs to see.
   */
  List<WaitingStep> waiting(Principal who, ReportLanguage lang) {
    if (!who.may(Permission.DECIDE)) {
      return List.of();
    }
    List<WaitingStep> waiting = new ArrayList<>();
    DrillFilter running = DrillFilter.all().runningOnly();
    List<DrillSummary> page;
    int offset = 0;
    do {
      page = access.list(who, running.page(DrillFilter.MAX_LIMIT, offset));
      for (DrillSummary drill : page) {
        waiting.addAll(waitingIn(who, access.view(who, drill.drillId()), lang));
      }
      offset += page.size();
    } while (page.size() == DrillFilter.MAX_LIMIT);
    return waiting;
  }

  /** The drill's steps waiting for the user. */
  List<WaitingStep> waitingIn(Principal who, DrillView drill, ReportLanguage lang) {
    if (!who.may(Permission.DECIDE) || drill.progress() == null) {
      return List.of();
    }
    RaciAuthority authority = new RaciAuthority(parties(who, drill.summary()));
    List<WaitingStep> waiting = new ArrayList<>();
    for (StepProgress step : drill.progress().steps()) {
      boolean approval = Action.APPROVAL.yamlName().equals(step.action());
      if (step.state() != StepState.WAITING || step.raci() == null
          || !(approval || Action.MANUAL.yamlName().equals(step.action()))) {
        continue;
      }
      if (approval ? authority.isAccountable(step.raci(), who.name()) : authority.isResponsible(step.raci(), who.name())) {
        List<String> deciders = approval ? List.of(step.raci().accountable()) : step.raci().responsible();
        waiting.add(new WaitingStep(drill.progress().drillId(), drill.progress().planName(),
            drill.progress().tenant(), step.id(), ReportOutline.action(step.action(), lang), approval,
            String.join(", ", deciders), ReportOutline.dateTime(Instant.ofEpochMilli(step.startedAt()), lang)));
      }
    }
    return waiting;
  }

  /** The parties of the plan the drill ran, if the plans directory still holds that very version. */
  private Map<String, Party> parties(Principal who, DrillSummary summary) {
    if (summary == null || summary.planName() == null) {
      return Map.of();
    }
    try {
      StoredPlan stored = plans.find(who, summary.planName());
      boolean sameVersion = stored.loaded().plan() != null && stored.loaded().sha256().equals(summary.planSha256());
      return sameVersion ? stored.loaded().plan().parties() : Map.of();
    } catch (ServiceRefusal gone) {
      return Map.of();
    }
  }
}
