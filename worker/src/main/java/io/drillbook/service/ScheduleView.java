package io.drillbook.service;

import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.schedule.ScheduleState;

/**
 * A schedule as {@code schedule list} and {@code schedule show} see it.
 *
 * @param recorded what its evidence stream records: plan, creation, deletion
 * @param live its workflow's state (next fire, last verdict, overdue, paused); null when the Temporal service
 *     does not know the schedule, e.g. after the embedded server of {@code drillbook dev} was restarted
 */
public record ScheduleView(ScheduleSummary recorded, ScheduleState live) {}
