package io.drillbook.evidence;

import static io.drillbook.evidence.EvidenceRejectedException.Reason.INVALID;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.schedule.ScheduleEvent;
import io.drillbook.schedule.ScheduleEvents;
import io.drillbook.schedule.ScheduleId;

/**
 * A schedule's changes as evidence: a hash-chained stream of its own in the same log as drills, whose ID is the
 * schedule ID ({@code sch-…}), tenant the plan's, seq the schedule's own, types {@code schedule.*}. The store's
 * append gives the idempotence the scheduler relies on (one row per seq, chained to seq - 1). The stream is
 * anchored in the tenant's chain only when the deleted schedule seals it, since an anchored stream takes no
 * more events.
 */
public final class ScheduleEvidence implements ScheduleEvents {

  private static final String TYPE_PREFIX = "schedule.";

  private final EvidenceStore store;

  public ScheduleEvidence(EvidenceStore store) {
    this.store = store;
  }

  @Override
  public void record(ScheduleEvent event) {
    try {
      checkStream(event.scheduleId());
      if (event.type() == null || !event.type().startsWith(TYPE_PREFIX)) {
        // Only the scheduler writes here; a drill's types in a schedule stream would list it as a drill.
        throw new EvidenceRejectedException(INVALID, "schedule " + event.scheduleId() + " seq " + event.seq()
            + ": type " + event.type() + " is not a schedule.* event");
      }
      store.append(new EvidenceAppend(event.tenant(), event.scheduleId(), event.seq(), event.type(), null, null,
          event.actor(), event.timeMillis(), event.payload()));
    } catch (EvidenceRejectedException e) {
      throw EvidenceActivitiesImpl.failure(e);
    }
  }

  @Override
  public void seal(String tenant, String scheduleId) {
    try {
      checkStream(scheduleId);
      store.anchor(tenant, scheduleId);
    } catch (EvidenceRejectedException e) {
      throw EvidenceActivitiesImpl.failure(e);
    }
  }

  /** A schedule stream never takes a drill ID, nor a drill stream a schedule's events. */
  private static void checkStream(String scheduleId) {
    if (!ScheduleId.isValid(scheduleId)) {
      throw new EvidenceRejectedException(INVALID, "'" + scheduleId + "' is not a schedule ID (sch- and a ULID)");
    }
  }
}
