package io.drillbook.provider.local;

import io.drillbook.drill.ActionResult;
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
 * {@code snapshot} with {@code method: dump}: one database in pg_dump's custom format. The row counts are
 * taken in the very snapshot pg_dump dumps ({@code pg_export_snapshot}), so they are exact even while the
 * source is being written to. The dump is read back in full by pg_restore before the step succeeds, and
 * listed with its SHA-256 in a manifest.
 */
final class DumpSnapshot {

  static final String METHOD = "dump";
  static final String DUMP_FILE = "database.dump";

  private final PgAction a;

  DumpSnapshot(PgAction a) {
    this.a = a;
  }

  ActionResult take() throws Exception {
    PgEndpoint source = PgEndpoint.ofResource(a.ctx());
    return SnapshotRecord.take(a, source, METHOD, dir -> {
      Path dump = dir.resolve(DUMP_FILE);
      Map<String, Object> captured;
      long consistentAt;
      String serverVersion;
      try (Connection c = source.connect()) {
        TableInventory.beginSnapshot(c);
        String snapshot;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot(), current_setting('server_version')")) {
          rs.next();
          snapshot = rs.getString(1);
          serverVersion = rs.getString(2);
        }
        consistentAt = System.currentTimeMillis();
        captured = TableInventory.capture(c, SqlDialect.POSTGRESQL, TableInventory.CHEAP_CHECKSUM_BYTES);
        List<String> args = new ArrayList<>(List.of("-Fc", "--snapshot=" + snapshot, "--no-password", "-f", dump.toString()));
        args.addAll(source.toolArgs());
        args.addAll(List.of("-d", source.database()));
        // The exporting transaction stays open while pg_dump runs: the snapshot lives only as long as it does.
        a.tools().runOrFail("pg_dump", PgTool.Call.client("pg_dump", args).env(source.toolEnv())
            .measuring(() -> FileTrees.size(dump)), a.situation("dumping the database", source, dump));
        c.commit();
      } catch (SQLException e) {
        throw PgFaults.fromSql(e, a.situation("reading the source", source, null));
      }
      readBack(a, dump);
      ExportManifest manifest = ExportManifest.openOrCreate(dir, a.ctx().drillId(), a.stepId(), source.dsn(), "pg_dump custom format");
      manifest.append(DUMP_FILE);
      manifest.markComplete();
      Map<String, Object> specific = new LinkedHashMap<>();
      specific.put("dumpFile", dump.toString());
      specific.put("sizeBytes", manifest.totalBytes());
      specific.put("manifestSha256", manifest.sha256());
      return new SnapshotRecord.Taken(serverVersion, consistentAt, captured, specific);
    });
  }

  /** Reads the whole archive with pg_restore (to /dev/null): a truncated or damaged dump fails here. */
  static void readBack(PgAction a, Path dump) throws Exception {
    a.tools().runOrFail("checking the dump", PgTool.Call.client("pg_restore", List.of("-f", "/dev/null", dump.toString())),
        a.situation("reading back the dump " + dump.getFileName() + " (it is damaged or incomplete: take a new snapshot)", null, dump));
  }
}
