package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.CanaryWriter;
import io.drillbook.provider.local.ParamValues;
import io.drillbook.provider.local.PgEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code failover} (and Aurora's {@code failback}) of a production database, measured by the canary writer of
 * the local provider through the database's own endpoint, whose DNS name follows the primary: the writer
 * writes every interval, the failover is started (RebootDBInstance with ForceFailover, FailoverDBCluster),
 * and RTO and RPO come from the last write the old primary acknowledged and the first the new one accepted.
 * Only with its owner's consent: the database must be tagged {@code drillbook:disruption-allowed=true}. A
 * resumed attempt never starts a second failover of production; it fails and says so. The canary's table is
 * dropped from the production database once measured.
 */
final class MeasuredFailover {

  static final String STARTED = "failover started";
  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
  private static final int WARM_UP_WRITES = 5;
  private static final int CONFIRM_WRITES = 3;
  private static final Duration NEW_PRIMARY_TIMEOUT = Duration.ofMinutes(15);

  private final RdsAction a;

  MeasuredFailover(RdsAction a) {
    this.a = a;
  }

  /** @param targetInstance the instance to promote (Aurora), or null for the service's choice */
  ActionResult run(String action, String targetInstance) throws Exception {
    DbState db = a.source();
    String what = a.flavor().noun() + " " + db.id();
    a.flavor().cannotFailOver(db).ifPresent(why -> {
      throw new ActionFailure("step " + a.stepId() + ": cannot " + action + ": " + why);
    });
    DrillTags.requireDisruptionAllowed(a.ctx(), db.tags(), what, action);
    refuseSecondStart(a, what, action, "drillbook does not disrupt production a second time on its own. Run the drill again when the "
        + "database is healthy");
    PgEndpoint endpoint = a.endpoint(db);
    long start = System.currentTimeMillis();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("writerBefore", db.members().isEmpty() ? db.id() : db.members().getFirst());
    out.putAll(measureAround(a, endpoint, what, action, writer -> a.flavor().failover(db, targetInstance), endpoint));
    // Still marked as started: a worker lost during this wait must not make its successor fail over again.
    DbState after = new StatusPoll(a.ctx(), a.aws(), STARTED + " on " + what + "; ").until(what, () -> a.flavor().describe(db.id()), DbState::status, Set.of("available"),
        Set.of("failed", "storage-full", "incompatible-parameters"), Duration.ofMinutes(30)).orElseThrow();
    out.put("writerAfter", after.members().isEmpty() ? after.id() : after.members().getFirst());
    out.put("engine", after.engine());
    out.put("endpointAddress", after.host());
    out.put("port", after.port());
    out.put("durationMillis", System.currentTimeMillis() - start);
    a.log().info("{} measured: RTO {} ms, {} canary rows lost (RPO {} ms)", action, out.get("rtoMillis"), out.get("rowsLost"), out.get("rpoMillis"));
    return ActionResult.of(out);
  }

  /** A resumed attempt after the disruptive call was sent fails: the canary's measurement went with the lost worker. */
  static void refuseSecondStart(RdsAction a, String what, String action, String advice) {
    a.ctx().heartbeat().previous(Progress.class).filter(p -> p.phase().startsWith(STARTED)).ifPresent(p -> {
      throw new ActionFailure("step " + a.stepId() + ": an earlier attempt of this step already started the " + action + " of " + what
          + " (" + p.phase() + ") and its measurement was lost with that worker; " + advice);
    });
  }

  /**
   * The canary around one disruptive call: writes through {@code writeTo} every interval, warms up, calls
   * {@code disrupt} (marked started in the heartbeat first), waits until a new server acknowledged a few
   * writes, and measures RTO and RPO against {@code newPrimary}. The canary table is dropped from
   * {@code writeTo}'s database (production) afterwards.
   */
  static Map<String, Object> measureAround(RdsAction a, PgEndpoint writeTo, String what, String action, Disruption disrupt,
      PgEndpoint newPrimary) throws Exception {
    Duration interval = ParamValues.duration(a.ctx().with(), "canaryInterval", a.stepId()).orElse(DEFAULT_INTERVAL);
    long firstSeq;
    try (Connection c = writeTo.connect()) {
      CanaryWriter.createTable(c, writeTo.dialect());
      firstSeq = CanaryWriter.nextSeq(c);
    } catch (SQLException e) {
      throw new ActionFailure("step " + a.stepId() + ": the canary table could not be created on " + writeTo.where() + ": "
          + e.getMessage() + ". The canary needs CREATE and INSERT in the configured database for config.user", e);
    }
    long start = System.currentTimeMillis();
    Map<String, Object> measured;
    try (CanaryWriter writer = new CanaryWriter(writeTo, interval)) {
      writer.start(firstSeq);
      if (!writer.awaitAcks(x -> true, WARM_UP_WRITES, Duration.ofSeconds(60))) {
        throw new ActionFailure("step " + a.stepId() + ": the canary writer could not write to " + writeTo.where()
            + " within 60 s; check that the worker can reach the database and that config.user may write");
      }
      String oldServer = writer.acks().getFirst().server();
      a.ctx().heartbeat().beat(new Progress(STARTED + " on " + what, 0, 0, 0, System.currentTimeMillis() - start));
      a.log().info("starting the {} of {}", action, what);
      disrupt.start(writer);
      if (!writer.awaitAcks(x -> !x.server().equals(oldServer), CONFIRM_WRITES, NEW_PRIMARY_TIMEOUT)) {
        throw new ActionFailure("step " + a.stepId() + ": no new primary accepted a canary write through " + newPrimary.where() + " within "
            + NEW_PRIMARY_TIMEOUT.toMinutes() + " min of the " + action + "; look at the database's events in the RDS console");
      }
      writer.close();
      measured = writer.measure(x -> x.server().equals(oldServer), x -> !x.server().equals(oldServer), newPrimary);
    }
    dropCanary(a, writeTo);
    return measured;
  }

  /** The disruptive call; it may repoint the canary (a promoted replica has an endpoint of its own). */
  interface Disruption {
    void start(CanaryWriter writer);
  }

  /** The canary wrote into the production database: its table goes once measured. */
  private static void dropCanary(RdsAction a, PgEndpoint endpoint) {
    try (Connection c = endpoint.connect()) {
      CanaryWriter.dropTable(c);
    } catch (SQLException e) {
      a.log().warn("the canary table {} could not be dropped from {} ({}); drop it by hand", "drillbook_canary", endpoint.where(), e.getMessage());
    }
  }
}
