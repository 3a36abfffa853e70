package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code snapshot} with {@code method: basebackup}: a physical copy of the whole source cluster taken with
 * pg_basebackup (WAL streamed alongside, so the copy is self-contained, and a SHA-256 backup manifest), then
 * checked with pg_verifybackup. The source's row counts (and hashes of tables small enough to hash cheaply)
 * are captured right after the backup ends, so a later {@code verify} compares the restore with the source
 * as it was at the snapshot, not with a source that kept changing.
 */
final class BaseBackup {

  static final String METHOD = "basebackup";

  private final PgAction a;

  BaseBackup(PgAction a) {
    this.a = a;
  }

  ActionResult take() throws Exception {
    PgEndpoint source = PgEndpoint.ofResource(a.ctx());
    return SnapshotRecord.take(a, source, METHOD, dir -> {
      String serverVersion = checkSource(source);
      Path data = dir.resolve("data");
      // A crashed attempt may have left part of a backup; pg_basebackup needs an empty target.
      FileTrees.deleteRecursively(data);
      List<String> args = new ArrayList<>(List.of("-D", data.toString(), "-Fp", "-X", "stream", "--checkpoint=fast",
          "--manifest-checksums=SHA256", "--no-password"));
      args.addAll(source.toolArgs());
      a.tools().runOrFail("pg_basebackup", PgTool.Call.owner("pg_basebackup", args).env(source.toolEnv())
          .measuring(() -> FileTrees.size(data)), a.situation("taking a base backup", source, data));
      long consistentAt = System.currentTimeMillis();
      // The source is counted at once (as close to the backup's consistent point as can be) while the copy is checked.
      Map<String, Object> captured = Concurrently.withAlongside(
          () -> TableInventory.captureFrom(source, a.situation("counting the source's rows", source, null)),
          () -> {
            checkWithPgVerifybackup(a, data);
            return null;
          });
      Map<String, Object> specific = new LinkedHashMap<>();
      specific.put("sizeBytes", FileTrees.size(data));
      specific.put("manifestSha256", FileTrees.sha256(data.resolve("backup_manifest")));
      return new SnapshotRecord.Taken(serverVersion, consistentAt, captured, specific);
    });
  }

  /** Runs pg_verifybackup (manifest checksums and WAL) on a backup; a damaged backup fails the step. */
  static void checkWithPgVerifybackup(PgAction a, Path data) throws Exception {
    PgTool.Result r = a.tools().run("pg_verifybackup", PgTool.Call.owner("pg_verifybackup", List.of(data.toString())));
    if (!r.ok()) {
      throw new ActionFailure("step " + a.stepId() + ": the base backup in " + data + " failed pg_verifybackup (" + r.excerpt()
          + "). The copy is damaged (disk error, truncated transfer or tampering): take a new snapshot");
    }
  }

  /**
   * Connects first (so a wrong password or an unreachable server is reported as such, not as a backup
   * error) and refuses tablespaces outside the data directory: pg_basebackup would write them to the
   * source's own paths on this machine.
   */
  private String checkSource(PgEndpoint source) throws SQLException {
    try (Connection c = source.connect(); Statement st = c.createStatement()) {
      List<String> external = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT spcname FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')")) {
        while (rs.next()) {
          external.add(rs.getString(1));
        }
      }
      if (!external.isEmpty()) {
        throw new ActionFailure("step " + a.stepId() + ": the source " + source.where() + " has tablespaces outside its data directory "
            + external + ", which a local base backup cannot relocate; use method: dump for this resource");
      }
      try (ResultSet rs = st.executeQuery("SHOW server_version")) {
        rs.next();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, a.situation("connecting to the source", source, null));
    }
  }
}
