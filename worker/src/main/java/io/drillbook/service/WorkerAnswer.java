package io.drillbook.service;

import io.drillbook.service.ServiceRefusal.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A bounded wait for a Temporal Update. Updates are answered by a worker, which records the change in the
 * evidence store first: with no worker running, or with its evidence store not answering, the caller would
 * wait forever. After {@code wait} the caller is told what to check instead.
 */
final class WorkerAnswer {
  /** Long enough for a worker that restarts, or an evidence database that fails over; an answer takes < 1 s. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private final Duration wait;

  WorkerAnswer(Duration wait) {
    this.wait = wait;
  }

  /**
   * The update's answer, or its own refusal; UNAVAILABLE when no answer comes within the wait.
   *
   * @param subject what was asked, e.g. "drill drl-…"
   * @param request what it was asked, e.g. "approval of step sign-off"
   * @param statusCommand the command that shows whether the request took effect after all
   */
  <T> T await(String subject, String request, String statusCommand, Supplier<T> update) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    Thread asking = Thread.ofVirtual().name("update " + subject).start(() -> {
      try {
        answer.complete(update.get());
      } catch (Throwable e) {
        answer.completeExceptionally(e);
      }
    });
    try {
      return answer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException refused) {
        throw refused;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      asking.interrupt();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ServiceRefusal(Kind.UNAVAILABLE, subject + " has not answered the " + request + " within "
          + wait.toSeconds() + " s", "a drillbook worker answers it (`drillbook worker`, or `drillbook dev`), and"
          + " records it in its evidence store first: check that a worker runs on this Temporal and that its"
          + " evidence store answers (its log says). The request stays with Temporal and may still take effect"
          + " when a worker takes it: look with `" + statusCommand + "` before sending it again");
    }
  }
}
