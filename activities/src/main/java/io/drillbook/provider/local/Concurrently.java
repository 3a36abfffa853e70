package io.drillbook.provider.local;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Two independent parts of one action at once: pg_verifybackup is CPU-bound (SHA-256) while a copy or the
 * source's row counts wait on I/O or on the server, so together they take about as long as the longer one.
 * A failure of either fails the action; the other is stopped (interrupted: a running program is killed).
 */
final class Concurrently {

  private Concurrently() {}

  static <T> T withAlongside(Callable<T> main, Callable<?> alongside) throws Exception {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> other = threads.submit(alongside);
      T result;
      try {
        result = main.call();
      } catch (Exception | Error e) {
        other.cancel(true);
        throw e;
      }
      try {
        other.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw (Error) e.getCause();
      }
      return result;
    }
  }
}
