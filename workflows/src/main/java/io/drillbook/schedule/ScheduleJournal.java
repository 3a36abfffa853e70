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

  private final ScheduleEvents events = Workflow.newActivityStub(ScheduleEvents.class, OPTIONS);
  private final String tenant;
  private final String scheduleId;
  private long issued;
  private long recorded;

  /** @param lastSeq the seq of the last event recorded by earlier runs of this schedule */
  ScheduleJournal(String tenant, String scheduleId, long lastSeq) {
    this.tenant = tenant;
    this.scheduleId = scheduleId;
    this.issued = lastSeq;
    this.recorded = lastSeq;
  }

  /** Records one event and returns once it is stored. */
  void record(String type, String actor, Map<String, Object> payload) {
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
