package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits for an AWS resource to reach a state, one describe call per poll, a heartbeat after each (so a
 * 40-minute restore neither times the activity out nor loses track after a worker restart: the resumed
 * attempt polls the same resource again). Pauses double from the first interval up to the maximum, like the
 * SDK's waiters, but unlike them this loop reports progress and stops at the first terminal state with its
 * name in the failure.
 */
public final class StatusPoll {

  private final ActionContext ctx;
  private final AwsClients aws;
  private final String phasePrefix;

  public StatusPoll(ActionContext ctx, AwsClients aws) {
    this(ctx, aws, "");
  }

  /** @param phasePrefix starts every heartbeat's phase, e.g. a marker a resumed attempt must still see */
  public StatusPoll(ActionContext ctx, AwsClients aws, String phasePrefix) {
    this.ctx = ctx;
    this.aws = aws;
    this.phasePrefix = phasePrefix;
  }

  /** A resource a describe call does not find has this status: deletions wait for it. */
  public static final String GONE = "deleted";

  /**
   * @param what the resource, for heartbeats and messages
   * @param describe one describe call; empty when the resource does not exist (status {@link #GONE})
   * @param statusOf the status in a description
   * @param done the statuses that end the wait
   * @param failed statuses from which the resource will not recover on its own
   * @param timeout how long to wait at most
   * @return the description that ended the wait (empty when it was waiting for {@link #GONE})
   */
  public <T> Optional<T> until(String what, Supplier<Optional<T>> describe, Function<T, String> statusOf, Set<String> done,
      Set<String> failed, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    Duration pause = aws.pollInterval();
    int polls = 0;
    while (true) {
      Optional<T> described = describe.get();
      String now = described.map(statusOf).orElse(GONE);
      polls++;
      ctx.heartbeat().beat(new Progress(phasePrefix + "waiting for " + what + ": " + now, 0, polls, 0, (System.nanoTime() - start) / 1_000_000));
      if (done.contains(now)) {
        return described;
      }
      if (failed.contains(now)) {
        throw new ActionFailure("step " + ctx.stepId() + ": " + what + " went to status " + now
            + " instead of " + String.join(" or ", done) + "; see its events in the AWS console (RDS: Events) for the cause");
      }
      if (System.nanoTime() > deadline) {
        throw new ActionFailure("step " + ctx.stepId() + ": " + what + " was still " + now + " after " + timeout.toMinutes()
            + " min; raise the step's timeout if the resource is large, or look at its events in the AWS console");
      }
      Thread.sleep(pause.toMillis());
      pause = pause.multipliedBy(2).compareTo(aws.pollMax()) > 0 ? aws.pollMax() : pause.multipliedBy(2);
    }
  }
}
