package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every snapshot method shares: the drill-owned directory named after drill and step (a retried attempt
 * finds a finished snapshot there and returns it as it was), the timing, and the outputs later steps read
 * (snapshot id, consistent point for the RPO, the source's row counts and checksums at that point).
 */
final class SnapshotRecord {

  /** What one method produced inside the snapshot directory. */
  record Taken(String serverVersion, long consistentAtMillis, Map<String, Object> captured, Map<String, Object> specific) {}

  /** One method's work, given the (empty or partly filled) directory it owns. */
  interface Method {
    Taken take(Path dir) throws Exception;
  }

  private SnapshotRecord() {}

  static ActionResult take(PgAction a, PgEndpoint source, String method, Method work) throws Exception {
    String id = a.ctx().deterministicName("snapshot");
    OwnedDirectory dir = OwnedDirectory.claim(a.workDir().resolve(id), a.ctx(), "snapshot", null, a.tools().owner());
    Optional<Map<String, Object>> done = dir.completed();
    if (done.isPresent()) {
      return dir.reused(done.get(), a.log());
    }
    long start = System.nanoTime();
    Taken taken = work.take(dir.path());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("snapshotId", id);
    out.put("method", method);
    out.put("path", dir.path().toString());
    out.putAll(taken.specific());
    out.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
    out.put("consistentAtMillis", taken.consistentAtMillis());
    out.put("sourceDsn", source.dsn());
    out.put("database", source.database());
    out.put("serverVersion", taken.serverVersion());
    out.putAll(taken.captured());
    out.put("createdResources", List.of(dir.path().toString()));
    dir.complete(out);
    a.log().info("{} snapshot {} taken: {} bytes", method, id, out.get("sizeBytes"));
    return ActionResult.of(out);
  }
}
