package io.drillbook.provider;

import java.util.Optional;

/**
 * Wraps every provider action's heartbeat (see {@link ProviderActivitiesImpl}) and keeps it going while it is busy in a single long call (counting rows of a big table, a
 * long COPY, waiting for a promotion): every few seconds it repeats the latest progress the action reported,
 * so Temporal neither times the activity out nor loses the details a resumed attempt needs. When a repeated
 * heartbeat reports that the activity was cancelled, the next heartbeat of the action itself rethrows it,
 * which is where the action stops its programs.
 */
final class KeepAlive implements ActionContext.Heartbeat, AutoCloseable {

  private static final long EVERY_MILLIS = 5_000;

  private final ActionContext.Heartbeat delegate;
  private final long startNanos = System.nanoTime();
  private final Thread ticker;
  private volatile Object latest;
  private volatile RuntimeException cancelled;

  private KeepAlive(ActionContext.Heartbeat delegate, String action) {
    this.delegate = delegate;
    this.ticker = Thread.ofVirtual().name("drillbook-keepalive").start(() -> tick(action));
  }

  /** {@code delegate} kept alive until the returned object is closed. */
  static KeepAlive around(ActionContext.Heartbeat delegate, String action) {
    return new KeepAlive(delegate, action);
  }

  private void tick(String action) {
    while (true) {
      try {
        Thread.sleep(EVERY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      Object details = latest != null ? latest : new Progress(action, 0, 0, 0, (System.nanoTime() - startNanos) / 1_000_000);
      try {
        delegate.beat(details);
      } catch (RuntimeException e) {
        cancelled = e;
        return;
      }
    }
  }

  @Override
  public void beat(Object details) {
    if (cancelled != null) {
      throw cancelled;
    }
    latest = details;
    delegate.beat(details);
  }

  @Override
  public <T> Optional<T> previous(Class<T> type) {
    return delegate.previous(type);
  }

  @Override
  public void close() {
    ticker.interrupt();
  }
}
