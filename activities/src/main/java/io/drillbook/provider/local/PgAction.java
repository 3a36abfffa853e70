package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import io.drillbook.provider.ActionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One local action in progress: its context, its log, and the PostgreSQL programs run on its behalf. The
 * work directory is created and handed to the cluster owner first, so the scratch clusters and backups
 * placed under it can be written by that user.
 */
record PgAction(ActionContext ctx, StepLog log, PgTool tools) {

  static PgAction prepare(ActionContext ctx, ClusterOwner owner, Class<?> caller) throws IOException {
    StepLog log = StepLog.of(caller, ctx);
    Path work = ctx.workDir();
    if (!Files.isDirectory(work)) {
      Files.createDirectories(work);
    }
    owner.giveTo(work);
    owner.checkCanWrite(work);
    PgBinaries binaries = PgBinaries.locate(ctx.config().get("binDir"));
    return new PgAction(ctx, log, new PgTool(binaries, owner, work, ctx.heartbeat(), log));
  }

  String stepId() {
    return ctx.stepId();
  }

  Path workDir() {
    return ctx.workDir();
  }

  PgFaults.Situation situation(String doing, PgEndpoint endpoint, Path writingTo) {
    return new PgFaults.Situation(ctx.stepId(), doing, endpoint, writingTo);
  }

  /** The user scratch clusters trust (their only user): the resource's user, as {@link PgEndpoint} resolves it. */
  String user() {
    Object user = ctx.config().get("user");
    Object dsn = ctx.config().get("dsn");
    if (user != null || dsn == null) {
      return user == null ? "postgres" : user.toString();
    }
    return PgEndpoint.parse(dsn.toString(), null, null, null).user();
  }

  void beat(String phase, long bytes, int items, int itemsTotal, long startNanos) {
    ctx.heartbeat().beat(new Progress(phase, bytes, items, itemsTotal, (System.nanoTime() - startNanos) / 1_000_000));
  }

}
