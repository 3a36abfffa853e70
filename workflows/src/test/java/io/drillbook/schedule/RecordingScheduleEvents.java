package io.drillbook.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link ScheduleEvents} in memory with the real store's contract: idempotent by (scheduleId, seq), each seq
 * the next of its schedule, nothing after the stream is sealed. A gap, a changed repeat or a record after the
 * seal is recorded as a violation, so tests can assert none. A test can also {@link #holdBefore hold} the next
 * record of a type, to act while the workflow waits for it.
 */
public final class RecordingScheduleEvents implements ScheduleEvents {

  private final List<ScheduleEvent> events = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final Set<String> sealed = new HashSet<>();
  private volatile Hold hold;

  /** The activity of a held record: it returns once the test releases it. */
  public static final class Hold {
    private final String type;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(String type) {
      this.type = type;
    }

    /** Waits until the workflow is recording the held event. */
    public void awaitReached() throws InterruptedException {
      if (!reached.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("no " + type + " was recorded within 60 s");
      }
    }

    public void release() {
      released.countDown();
    }
  }

  /** Holds the next record of {@code type} until {@link Hold#release()}. */
  public Hold holdBefore(String type) {
    hold = new Hold(type);
    return hold;
  }

  @Override
  public void record(ScheduleEvent event) {
    Hold held = hold;
    if (held != null && held.type.equals(event.type())) {
      hold = null;
      held.reached.countDown();
      try {
        held.released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    store(event);
  }

  private synchronized void store(ScheduleEvent event) {
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
