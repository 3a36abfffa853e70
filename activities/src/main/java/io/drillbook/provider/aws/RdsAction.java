package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.ParamValues;
import io.drillbook.provider.local.PgEndpoint;
import io.drillbook.provider.local.SqlDialect;
import io.drillbook.provider.local.StepLog;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** One action on an RDS database in progress: its context, the instance or cluster calls, polling and log. */
record RdsAction(ActionContext ctx, AwsClients aws, AwsAccess access, RdsSession session, RdsFlavor flavor, StatusPoll poll, StepLog log) {

  static RdsAction prepare(ActionContext ctx, AwsClients aws, Function<RdsSession, RdsFlavor> flavor, Class<?> caller) {
    AwsAccess access = AwsAccess.of(ctx);
    RdsSession session = RdsSession.of(aws, ctx.stepId(), access);
    return new RdsAction(ctx, aws, access, session, flavor.apply(session), new StatusPoll(ctx, aws), StepLog.of(caller, ctx));
  }

  String stepId() {
    return ctx.stepId();
  }

  /** The production database the resource names ({@code config.dbInstanceIdentifier} or {@code dbClusterIdentifier}). */
  DbState source() {
    Object id = ctx.config().get(flavor.sourceKey());
    if (id == null) {
      throw new ActionFailure("resource " + ctx.request().resourceName() + ": config." + flavor.sourceKey() + " is missing");
    }
    return flavor.describe(id.toString()).orElseThrow(() -> new ActionFailure("step " + stepId() + ": " + flavor.noun() + " " + id
        + " does not exist in " + access.where() + "; check config." + flavor.sourceKey() + ", config.region and config.roleArn"));
  }

  Duration keepFor() {
    return ParamValues.duration(ctx.with(), "keepFor", stepId()).orElse(null);
  }

  /**
   * The database the verify and canary connect to on {@code host:port}, as {@code config.user} (else the
   * user of an RDS-managed JSON secret, else the engine's usual administrator, postgres or admin) with the
   * password {@code config.credentialsRef} names, in the engine's SQL dialect.
   */
  PgEndpoint endpoint(String engine, String host, Object port) {
    SqlDialect dialect = SqlDialect.forEngine(engine).orElseThrow(() -> new ActionFailure("step " + stepId() + ": engine " + engine
        + " is not supported by the verifier and canary of this build (postgres, aurora-postgresql, mysql, mariadb, aurora-mysql)"));
    Map<String, Object> config = ctx.config();
    Object database = config.get("database");
    if (database == null) {
      throw new ActionFailure("resource " + ctx.request().resourceName() + ": config.database is missing; name the database that "
          + "verify steps and the canary use");
    }
    String ref = config.get("credentialsRef") == null ? null : config.get("credentialsRef").toString();
    SecretsManagerReference.Credentials secret = ref == null ? new SecretsManagerReference.Credentials(null, null)
        : SecretsManagerReference.matches(ref) ? SecretsManagerReference.read(aws, access, stepId(), ref)
        : new SecretsManagerReference.Credentials(null, ctx.secrets().resolve(ref).orElseThrow(() -> new ActionFailure("resource "
            + ctx.request().resourceName() + ": credentialsRef " + ref + " resolves to nothing; set the variable or file it names on the worker")));
    String user = config.get("user") != null ? config.get("user").toString() : secret.username() != null ? secret.username() : dialect.defaultUser();
    if (host == null) {
      throw new ActionFailure("step " + stepId() + ": the database has no endpoint yet; wait until it is available");
    }
    return new PgEndpoint(host, Integer.parseInt(port.toString()), database.toString(), user, secret.password(), ref, dialect);
  }

  PgEndpoint endpoint(DbState db) {
    return endpoint(db.engine(), db.host(), db.port());
  }
}
