package io.drillbook.service;

import io.drillbook.auth.Permission;
import io.drillbook.auth.Principal;
import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.plan.LoadedPlan;
import io.drillbook.schedule.FireRecord;
import io.drillbook.schedule.ScheduleId;
import io.drillbook.schedule.ScheduleSpec;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ServiceRefusal.Kind;
import java.util.List;
import java.util.Optional;

/**
 * Schedules as one caller may see and change them, like {@link DrillAccess} for drills: every request is first
 * scoped to the caller's tenants (a schedule of another tenant is answered exactly like one that does not
 * exist), then checked against its roles: {@link Permission#READ} to read, {@link Permission#SCHEDULE}
 * ({@code scheduler}, {@code msp-admin}) to change. Changes go through {@link ScheduleService} with the caller's
 * name as the actor, which the schedule's workflow records in its evidence stream.
 */
public final class ScheduleAccess {
  private final ScheduleService schedules;
  private final PlanLibrary plans;

  public ScheduleAccess(ScheduleService schedules, PlanLibrary plans) {
    this.schedules = schedules;
    this.plans = plans;
  }

  /**
   * The caller's schedules that are not deleted, oldest first.
   *
   * @param tenant null for every tenant the caller sees; one outside its scope is answered like a tenant that
   *     does not exist
   */
  public List<ScheduleView> list(Principal who, String tenant) {
    RoleCheck.require(who, Permission.READ, "read schedules");
    if (tenant != null && !who.scope().includes(tenant)) {
      throw new ServiceRefusal(Kind.NOT_FOUND, "no tenant '" + tenant + "'",
          "list your own schedules: leave out the tenant filter");
    }
    return schedules.list(tenant != null ? tenant : who.tenant());
  }

  /** One schedule, deleted or not. */
  public ScheduleView view(Principal who, String scheduleId) {
    ScheduleSummary recorded = visible(who, scheduleId);
    RoleCheck.require(who, Permission.READ, "read schedules");
    return schedules.view(recorded);
  }

  /**
   * Puts the caller's stored plan named {@code planName} on a calendar, created by the caller.
   *
   * @param cron null for the plan's {@code metadata.schedule}
   * @param timezone null for the plan's {@code metadata.timezone}, else UTC
   */
  public ScheduleView create(Principal who, String planName, String cron, String timezone) {
    StoredPlan stored = plans.find(who, planName);
    RoleCheck.require(who, Permission.SCHEDULE, "create schedules");
    LoadedPlan loaded = stored.requireValid();
    ScheduleSpec planned = ScheduleSpec.forPlan(ScheduleId.newId(), loaded.plan(), loaded.sha256(), loaded.file(),
        who.name());
    String chosenCron = cron != null ? cron : planned.cron();
    if (chosenCron == null) {
      throw new ServiceRefusal(Kind.INVALID, "'cron' is missing and plan '" + planName + "' has no metadata.schedule",
          "send a cron in the body, " + ScheduleService.EXAMPLE + ", or add metadata.schedule to the plan");
    }
    String chosenZone = timezone != null ? timezone : planned.timezone();
    ScheduleService.requireUsable(chosenCron, chosenZone);
    return schedules.create(planned.withCron(chosenCron, chosenZone));
  }

  public ScheduleState pause(Principal who, String scheduleId, String reason) {
    change(who, scheduleId, "pause schedules");
    if (reason == null || reason.isBlank()) {
      throw new ServiceRefusal(Kind.INVALID, "'reason' is missing: a pause says why, in the schedule's evidence",
          "send e.g. {\"reason\": \"change freeze\"}");
    }
    return schedules.pause(scheduleId, who.name(), reason);
  }

  public ScheduleState resume(Principal who, String scheduleId) {
    change(who, scheduleId, "resume schedules");
    return schedules.resume(scheduleId, who.name());
  }

  public FireRecord trigger(Principal who, String scheduleId) {
    change(who, scheduleId, "trigger schedules");
    return schedules.trigger(scheduleId, who.name());
  }

  /** @param timezone null to keep the schedule's current time zone */
  public ScheduleState changeCron(Principal who, String scheduleId, String cron, String timezone) {
    change(who, scheduleId, "change the cron of schedules");
    return schedules.changeCron(scheduleId, who.name(), cron, timezone);
  }

  public void delete(Principal who, String scheduleId) {
    change(who, scheduleId, "delete schedules");
    schedules.delete(scheduleId, who.name());
  }

  private void change(Principal who, String scheduleId, String action) {
    visible(who, scheduleId);
    RoleCheck.require(who, Permission.SCHEDULE, action);
  }

  /**
   * The schedule's record, when the caller's scope includes its tenant.
   *
   * @throws ServiceRefusal NOT_FOUND for a schedule that does not exist or belongs to a tenant outside the scope
   */
  private ScheduleSummary visible(Principal who, String scheduleId) {
    Optional<ScheduleSummary> recorded = ScheduleId.isValid(scheduleId) ? schedules.find(scheduleId) : Optional.empty();
    return recorded.filter(s -> who.scope().includes(s.tenant())).orElseThrow(() -> new ServiceRefusal(
        Kind.NOT_FOUND, "no schedule " + scheduleId, "list your schedules with GET /api/v1/schedules"));
  }
}
