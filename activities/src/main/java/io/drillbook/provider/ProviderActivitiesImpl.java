package io.drillbook.provider;

import io.drillbook.drill.ActionRequest;
import io.drillbook.drill.ActionResult;
import io.drillbook.drill.ProviderActivities;
import io.drillbook.plan.Action;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one activity behind every provider step: finds the driver for the resource's provider and type,
 * calls the capability the step's action names, and turns a driver's {@link ActionFailure} into a Temporal
 * failure whose message the evidence and the CLI show as they are.
 */
public final class ProviderActivitiesImpl implements ProviderActivities {

  /** Failure type of an action that will not succeed by retrying (wrong password, missing snapshot...). */
  public static final String ACTION_FAILED = "ActionFailed";

  private static final Logger log = LoggerFactory.getLogger(ProviderActivitiesImpl.class);

  private final ProviderRegistry registry;
  private final ActionContext.SecretResolver secrets;
  private final Path workDir;

  public ProviderActivitiesImpl(ProviderRegistry registry, ActionContext.SecretResolver secrets, Path workDir) {
    this.registry = registry;
    this.secrets = secrets;
    this.workDir = workDir;
  }

  @Override
  public ActionResult run(ActionRequest request) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    try (var mdc = StepLogContext.of(request)) {
      return run(request, new TemporalHeartbeat(activity));
    }
  }

  /** Runs the action outside Temporal's activity context too (tests, benchmarks, the sweeper's callers). */
  public ActionResult run(ActionRequest request, ActionContext.Heartbeat heartbeat) {
    String where = request.resource().provider() + "/" + request.resource().type() + " "
        + request.action().yamlName() + " (step " + request.stepId() + ", resource " + request.resourceName() + ")";
    ResourceDriver driver = registry.driver(request.resource().provider(), request.resource().type())
        .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
            "no driver for " + where + ": this build has " + registry.providers(), ACTION_FAILED));
    if (!driver.spec().implemented()) {
      throw ApplicationFailure.newNonRetryableFailure(
          where + " is not supported in this build yet: the resource type is declared so plans validate, "
              + "but its actions are not implemented", ACTION_FAILED);
    }
    long start = System.currentTimeMillis();
    log.info("action starting: {}", where);
    try (KeepAlive kept = KeepAlive.around(heartbeat, request.action().yamlName())) {
      ActionContext ctx = new ActionContext(request, kept, secrets, workDir);
      ActionResult result = dispatch(driver, request.action(), ctx);
      Map<String, Object> outputs = new LinkedHashMap<>(result.outputs());
      outputs.putIfAbsent("durationMillis", System.currentTimeMillis() - start);
      log.info("action completed in {} ms: {}", outputs.get("durationMillis"), where);
      return new ActionResult(outputs, result.observations());
    } catch (ActionFailure f) {
      log.warn("action failed: {}: {}", where, f.getMessage());
      if (f.isRetryable()) {
        throw ApplicationFailure.newFailureWithCause(f.getMessage(), "ActionRetryable", null);
      }
      throw ApplicationFailure.newNonRetryableFailure(f.getMessage(), ACTION_FAILED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(where + " was interrupted (worker shutting down); it will be retried", "ActionInterrupted");
    } catch (ApplicationFailure | io.temporal.client.ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      log.error("action error: {}", where, e);
      throw ApplicationFailure.newFailure(
          where + " hit an unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
              + " (retried per the step's retry policy; the worker log has the details)", "ActionError");
    }
  }

  private static ActionResult dispatch(ResourceDriver d, Action action, ActionContext ctx) throws Exception {
    return switch (action) {
      case SNAPSHOT -> ((Snapshots) d).snapshot(ctx);
      case RESTORE -> ((Restores) d).restore(ctx);
      case VERIFY -> ((Verifies) d).verify(ctx);
      case FAILOVER -> ((Failovers) d).failover(ctx);
      case FAILBACK -> ((Failbacks) d).failback(ctx);
      case EXPORT -> ((Exports) d).export(ctx);
      case IMPORT -> ((Imports) d).importData(ctx);
      case DELETE -> ((Deletes) d).delete(ctx);
      default -> throw new ActionFailure(action.yamlName() + " is not a provider action; the plan validator should have refused it");
    };
  }

  /** Drill, step and tenant on every log line of the action, removed when it ends. */
  private record StepLogContext() implements AutoCloseable {
    static StepLogContext of(ActionRequest r) {
      MDC.put("drillId", r.drillId());
      MDC.put("stepId", r.stepId());
      MDC.put("tenant", r.tenant());
      return new StepLogContext();
    }

    @Override
    public void close() {
      MDC.remove("drillId");
      MDC.remove("stepId");
      MDC.remove("tenant");
    }
  }
}
