package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records heartbeats; {@link #previous} returns what a test says the earlier attempt reported. */
public final class FakeHeartbeat implements ActionContext.Heartbeat {

  public final List<Object> beats = new CopyOnWriteArrayList<>();
  private final Object previous;

  public FakeHeartbeat() {
    this(null);
  }

  public FakeHeartbeat(Object previous) {
    this.previous = previous;
  }

  @Override
  public void beat(Object details) {
    beats.add(details);
  }

  @Override
  public <T> Optional<T> previous(Class<T> type) {
    return type.isInstance(previous) ? Optional.of(type.cast(previous)) : Optional.empty();
  }
}
