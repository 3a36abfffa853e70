package io.drillbook.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ScheduleEvents} in memory with the real store's contract: idempotent by (scheduleId, seq), each seq
 * the next of its schedule, nothing after the stream is sealed. A gap, a changed repeat or a record after the
 * seal is recorded as a violation, so tests can assert none.
 */
public final class RecordingScheduleEvents implements ScheduleEvents {

  private final List<ScheduleEvent> events = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final Set<String> sealed = new HashSet<>();

  @Override
  public synchronized void record(ScheduleEvent event) {
    if (sealed.contains(event.scheduleId())) {
      violations.add("seq " + event.seq() + " (" + event.type() + ") after the stream was sealed");
    }
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

  @Override
  public synchronized void seal(String tenant, String scheduleId) {
    sealed.add(scheduleId);
  }

  public synchronized boolean sealed(String scheduleId) {
    return sealed.contains(scheduleId);
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
