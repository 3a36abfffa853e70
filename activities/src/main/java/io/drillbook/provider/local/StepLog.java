package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging for one step: every line starts with the drill id and the step id, so an operator can follow one
 * drill through a worker shared by many. Callers pass identifiers, counts and paths, never secrets or data.
 */
public record StepLog(Logger logger, String drillId, String stepId) {

  public static StepLog of(Class<?> owner, ActionContext ctx) {
    return new StepLog(LoggerFactory.getLogger(owner), ctx.drillId(), ctx.stepId());
  }

  public static StepLog of(Class<?> owner, String drillId, String stepId) {
    return new StepLog(LoggerFactory.getLogger(owner), drillId, stepId);
  }

  public void info(String message, Object... args) {
    if (logger.isInfoEnabled()) {
      logger.info("drill={} step={} " + message, prefixed(args));
    }
  }

  public void warn(String message, Object... args) {
    logger.warn("drill={} step={} " + message, prefixed(args));
  }

  private Object[] prefixed(Object[] args) {
    Object[] all = new Object[args.length + 2];
    all[0] = drillId;
    all[1] = stepId;
    System.arraycopy(args, 0, all, 2, args.length);
    return all;
  }
}
