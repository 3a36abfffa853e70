package io.drillbook.runtime;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the long-running commands ({@code dev}, {@code worker}) stop on Ctrl-C (SIGINT) or SIGTERM. The first
 * signal prints what the process waits for and wakes {@link #await()}, so the command closes its resources in
 * order and exits 0. A second signal, or a stop that outlasts its bound, ends the process at once with 128 +
 * the signal's number, as the signal alone would have.
 *
 * <p>Ending at once loses no evidence: evidence is appended by local activities inside workflow tasks, so a
 * task cut short is replayed by the next worker, and every activity is idempotent and retried elsewhere.
 *
 * <p>The signals are handled here rather than by a shutdown hook alone because, once the JVM runs its hooks,
 * {@code System.exit} blocks until they end and further signals are ignored: a hook that waited for the
 * command to finish would wait for a thread stuck in {@code System.exit} (the slow stop this class fixed),
 * and a second Ctrl-C could not cut a stop short. A hook remains for the other ways a JVM is asked to stop
 * (SIGHUP, or a JVM run with {@code -Xrs}).
 */
public final class StopOnSignal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);
  private static final List<String> SIGNALS = List.of("INT", "TERM");
  /**
   * Above the sum of the bounded waits of a stop (a sweep under way 5 s, the worker's running tasks 5 s,
   * mostly overlapping; the Temporal client and the embedded server 1 s each), so only a stop that hangs is
   * cut short.
   */
  static final Duration BOUND = Duration.ofSeconds(15);

  private final PrintWriter out;
  private final String waitingFor;
  private final Duration bound;
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final Map<String, Object> previous = new LinkedHashMap<>();
  private final Thread hook;

  private StopOnSignal(PrintWriter out, String waitingFor, Duration bound) {
    this.out = out;
    this.waitingFor = waitingFor;
    this.bound = bound;
    this.hook = new Thread(this::stopFromHook, "drillbook-stop");
  }

  /** @param waitingFor what stopping waits for, for the line printed on the first signal */
  public static StopOnSignal install(PrintWriter out, String waitingFor) {
    StopOnSignal stop = new StopOnSignal(out, waitingFor, BOUND);
    for (String name : SIGNALS) {
      try {
        stop.previous.put(name, JvmSignals.handle(name, number -> stop.onSignal(name, number)));
      } catch (IllegalArgumentException reservedByTheJvm) {
        // -Xrs or an unknown signal on this platform: the shutdown hook still stops the command.
        log.debug("cannot handle SIG{}: {}", name, reservedByTheJvm.getMessage());
      }
    }
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** Blocks until the process is asked to stop (or the calling thread is interrupted, as tests do). */
  public void await() throws InterruptedException {
    requested.await();
  }

  private void onSignal(String signal, int number) {
    int status = 128 + number;
    String name = "INT".equals(signal) ? "Ctrl-C" : "SIG" + signal;
    if (!stopping.compareAndSet(false, true)) {
      say("stopping: " + name + " again, exiting at once");
      Runtime.getRuntime().halt(status);
    }
    say("stopping: waiting for " + waitingFor + " (at most " + bound.toSeconds() + " s; " + name
        + " again exits at once)");
    requested.countDown();
    Thread.ofPlatform().daemon().name("drillbook-stop-bound").start(() -> {
      if (!awaitStopped()) {
        say("stopping: not done after " + bound.toSeconds() + " s, exiting at once");
        Runtime.getRuntime().halt(status);
      }
    });
  }

  /** The JVM is already shutting down (SIGHUP, -Xrs): hold it until the command has closed, within the bound. */
  private void stopFromHook() {
    if (stopping.compareAndSet(false, true)) {
      say("stopping: waiting for " + waitingFor + " (at most " + bound.toSeconds() + " s)");
    }
    requested.countDown();
    if (!awaitStopped()) {
      say("stopping: not done after " + bound.toSeconds() + " s, exiting anyway");
    }
  }

  private boolean awaitStopped() {
    try {
      return stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  /**
   * Called once the command has closed everything: gives the signals back to the JVM (a Ctrl-C from now on
   * exits as usual) and lets a waiting shutdown hook end.
   */
  @Override
  public void close() {
    previous.forEach(JvmSignals::restore);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running and waits for the latch below.
    }
    if (stopping.get()) {
      say("stopped");
    }
    stopped.countDown();
  }
}
