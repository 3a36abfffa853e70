package io.drillbook.schedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scheduler's side of {@link ScheduleEvents}. Each change gets the next seq and the workflow time when it
 * happens, and records reach the store strictly in seq order, whether the main loop or an Update handler
 * records them (a ticket per call, served first come first served). A record is retried until it is stored:
 * a schedule change without its evidence would be a hole in the log.
 *
 * <p>On a schedule's first run the creation comes first: an Update delivered with the start runs its handler
 * before {@code run()} records the creation, and without waiting it would take seq 1, so the evidence would
 * show the schedule paused before it was created.
 */
final class ScheduleJournal {

  private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(0)
          .build())
      .build();

  /** The change id of recording the creation before any change that raced it ({@code Workflow.getVersion}). */
  private static final String CREATION_FIRST = "creation-first";

  private final ScheduleEvents events = Workflow.newActivityStub(ScheduleEvents.class, OPTIONS);
  private final String tenant;
  private final String scheduleId;
  private long issued;
  private long recorded;
  private boolean creationPending;

  /**
   * @param lastSeq the seq of the last event recorded by earlier runs of this schedule
   * @param firstRun the schedule's first run, whose first event must be {@link ScheduleEvents#CREATED}
   */
  ScheduleJournal(String tenant, String scheduleId, long lastSeq, boolean firstRun) {
    this.tenant = tenant;
    this.scheduleId = scheduleId;
    this.issued = lastSeq;
    this.recorded = lastSeq;
    this.creationPending = firstRun;
  }

  /** Records one event and returns once it is stored. */
  void record(String type, String actor, Map<String, Object> payload) {
    if (ScheduleEvents.CREATED.equals(type)) {
      creationPending = false;
    } else if (creationPending
        // Asked only when a change beats the creation, so histories where that never happened are unchanged.
        && Workflow.getVersion(CREATION_FIRST, Workflow.DEFAULT_VERSION, 1) == 1) {
      Workflow.await(() -> !creationPending);
    }
    long seq = ++issued;
    ScheduleEvent event = new ScheduleEvent(tenant, scheduleId, seq, type, actor, Workflow.currentTimeMillis(), payload);
    Workflow.await(() -> recorded == seq - 1);
    events.record(event);
    recorded = seq;
  }

  /** Seals the stream of a deleted schedule; called once every record has returned and none can follow. */
  void seal() {
    events.seal(tenant, scheduleId);
  }

  /** The seq the next run goes on from; read once every record has returned. */
  long lastSeq() {
    return recorded;
  }

  /** A payload from key/value pairs, in order, leaving out null values (an absent value is left out, not null). */
  static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}
