package io.drillbook.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link ScheduleEvents} in memory with the real store's contract: idempotent by (scheduleId, seq), each seq
 * the next of its schedule. A gap or a changed repeat is recorded as a violation, so tests can assert none.
 */
public final class RecordingScheduleEvents implements ScheduleEvents {

  private final List<ScheduleEvent> events = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  @Override
  public synchronized void record(ScheduleEvent event) {
    List<ScheduleEvent> same = events.stream().filter(e -> e.scheduleId().equals(event.scheduleId())).toList();
    if (event.seq() <= same.size()) {
      ScheduleEvent stored = same.get((int) event.seq() - 1);
      if (!stored.type().equals(event.type())) {
        violations.add("seq " + event.seq() + " holds " + stored.type() + ", not " + event.type());
      }
      return;
    }
    if (event.seq() != same.size() + 1) {
      violations.add("seq " + event.seq() + " after " + same.size());
    }
    events.add(event);
  }

  public synchronized List<ScheduleEvent> events() {
    return List.copyOf(events);
  }

  public synchronized List<String> types() {
    return events.stream().map(ScheduleEvent::type).toList();
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }
}
