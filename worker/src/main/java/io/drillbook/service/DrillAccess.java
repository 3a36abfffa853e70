package io.drillbook.service;

import io.drillbook.auth.Permission;
import io.drillbook.auth.Principal;
import io.drillbook.drill.AbortRequest;
import io.drillbook.drill.DrillId;
import io.drillbook.drill.DrillProgress;
import io.drillbook.drill.DrillRequest;
import io.drillbook.drill.StepDecision;
import io.drillbook.drill.StepProgress;
import io.drillbook.drill.StepState;
import io.drillbook.drill.Trigger;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.service.ServiceRefusal.Kind;
import java.util.List;
import java.util.function.Supplier;

/**
 * Drills as one caller may see and act on them: every read and every action is first scoped to the caller's
 * tenants (a drill of another tenant is answered exactly like one that does not exist), then checked against
 * its roles. Reads come from the evidence store, actions go through {@link DrillService}, and the actor of
 * every action is the caller's own name, so the workflow's RACI check and its evidence name the real person.
 */
public final class DrillAccess {
  private final EvidenceStore evidence;
  private final DrillService drills;
  private final PlanLibrary plans;

  public DrillAccess(EvidenceStore evidence, DrillService drills, PlanLibrary plans) {
    this.evidence = evidence;
    this.drills = drills;
    this.plans = plans;
  }

  /** One page of the caller's drills, newest first. */
  public List<DrillSummary> list(Principal who, DrillFilter filter) {
    RoleCheck.require(who, Permission.READ, "read drills");
    DrillFilter scoped = who.scope().restrict(filter).orElseThrow(() -> new ServiceRefusal(Kind.NOT_FOUND,
        "no tenant '" + filter.tenant() + "'", "list your own drills: leave out the tenant filter"));
    return evidence.drills(scoped);
  }

  public DrillView view(Principal who, String drillId) {
    DrillSummary summary = visibleSummary(who, drillId);
    RoleCheck.require(who, Permission.READ, "read drills");
    return new DrillView(summary, liveProgress(drillId));
  }

  public List<EvidenceEvent> events(Principal who, String drillId) {
    visibleSummary(who, drillId);
    RoleCheck.require(who, Permission.READ, "read evidence");
    return evidence.events(drillId);
  }

  public ChainVerification verification(Principal who, String drillId) {
    visibleSummary(who, drillId);
    RoleCheck.require(who, Permission.READ, "verify evidence");
    return evidence.verify(drillId);
  }

  /** Starts a drill of the caller's plan named {@code planName}, recorded as started by the caller. */
  public DrillRequest start(Principal who, String planName) {
    StoredPlan stored = plans.find(who, planName);
    RoleCheck.require(who, Permission.START, "start drills");
    LoadedPlan loaded = stored.requireValid();
    DrillRequest request = new DrillRequest(DrillId.newId(), loaded.plan(), loaded.sha256(), loaded.file(),
        Trigger.API, who.name());
    drills.start(request);
    return request;
  }

  /**
   * Approves, denies or completes a waiting step as the caller; the workflow still checks that the step's RACI
   * names the caller.
   */
  public StepState decide(Principal who, String drillId, String stepId, StepVerb verb, String comment) {
    visibleSummary(who, drillId);
    RoleCheck.require(who, Permission.DECIDE, verb.word() + " steps");
    StepProgress step = running(drillId, () -> drills.progress(drillId)).steps().stream()
        .filter(s -> s.id().equals(stepId)).findFirst()
        .orElseThrow(() -> new ServiceRefusal(Kind.NOT_FOUND, "drill " + drillId + " has no step '" + stepId + "'",
            "see the drill's steps (GET /api/v1/drills/" + drillId + ")"));
    if (!step.action().equals(verb.action().yamlName())) {
      throw new ServiceRefusal(Kind.CONFLICT, "step '" + stepId + "' is a " + step.action() + " step, which one "
          + "cannot " + verb.word(), "approve or deny approval steps, complete manual steps");
    }
    return running(drillId, () -> drills.decide(drillId, new StepDecision(stepId, who.name(), verb.yes(), comment)));
  }

  public void abort(Principal who, String drillId, String reason) {
    visibleSummary(who, drillId);
    RoleCheck.require(who, Permission.ABORT, "abort drills");
    running(drillId, () -> {
      drills.abort(drillId, new AbortRequest(who.name(), reason));
      return null;
    });
  }

  /**
   * Runs an action on a drill the caller may see: if Temporal no longer knows it, the drill has ended and
   * its workflow's history is gone, which is a conflict, not a missing drill.
   */
  private static <T> T running(String drillId, Supplier<T> action) {
    try {
      return action.get();
    } catch (ServiceRefusal e) {
      if (e.kind() == Kind.NOT_FOUND) {
        throw new ServiceRefusal(Kind.CONFLICT, "drill " + drillId + " has ended", "read its evidence instead");
      }
      throw e;
    }
  }

  /**
   * The drill's summary, or null for a drill so new that only Temporal knows it.
   *
   * @throws ServiceRefusal NOT_FOUND for a drill that does not exist or belongs to a tenant outside the scope
   */
  private DrillSummary visibleSummary(Principal who, String drillId) {
    if (!DrillId.isValid(drillId)) {
      throw notFound(drillId);
    }
    DrillSummary summary = evidence.drill(drillId).orElse(null);
    String tenant = summary != null ? summary.tenant() : liveTenant(drillId);
    if (tenant == null || !who.scope().includes(tenant)) {
      throw notFound(drillId);
    }
    return summary;
  }

  /** The tenant Temporal reports for a drill not in the evidence yet, or null when it does not know it. */
  private String liveTenant(String drillId) {
    try {
      return drills.progress(drillId).tenant();
    } catch (ServiceRefusal e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private DrillProgress liveProgress(String drillId) {
    try {
      return drills.progress(drillId);
    } catch (ServiceRefusal e) {
      if (e.kind() == Kind.NOT_FOUND || e.kind() == Kind.UNAVAILABLE) {
        return null;
      }
      throw e;
    }
  }

  private static ServiceRefusal notFound(String drillId) {
    return new ServiceRefusal(Kind.NOT_FOUND, "no drill " + drillId, "list your drills with GET /api/v1/drills");
  }
}
