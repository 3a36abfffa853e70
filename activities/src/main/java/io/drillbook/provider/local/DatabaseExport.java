package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;

/**
 * {@code export} of the postgresql resource (reversibility): {@code format: dump} is one pg_dump custom
 * archive; {@code format: csv} is {@code schema.sql} (pg_dump --schema-only) and one CSV file with a header
 * per table, all read in one snapshot. Files are listed in {@code manifest.json} as each completes; a retry
 * after a worker restart keeps the files already listed and resumes at the first table that is not. Every
 * file is read back and checked against the manifest before the step succeeds.
 *
 * <p>The source is the resource's database, or the restored scratch database when {@code from} names a
 * restore (an export that puts no load on production).
 */
final class DatabaseExport {

  private final PgAction a;

  DatabaseExport(PgAction a) {
    this.a = a;
  }

  ActionResult export() throws Exception {
    String format = a.ctx().param("format").orElse("dump");
    PgEndpoint source = a.ctx().from().get("scratchDsn") != null
        ? PgEndpoint.parse(a.ctx().from().get("scratchDsn").toString(), a.user(), null, null)
        : PgEndpoint.ofResource(a.ctx());
    Path dest = ExportDestination.of(a.ctx());
    OwnedDirectory dir = OwnedDirectory.claim(dest, a.ctx(), "export", null, null);
    Optional<Map<String, Object>> done = dir.completed();
    if (done.isPresent()) {
      return dir.reused(done.get(), a.log());
    }
    a.ctx().heartbeat().previous(Progress.class).ifPresent(p -> a.log().info(
        "resuming after an attempt that reached {} ({} of {} files)", p.phase(), p.items(), p.itemsTotal()));
    long start = System.nanoTime();
    ExportManifest manifest = ExportManifest.openOrCreate(dest, a.ctx().drillId(), a.stepId(), source.dsn(),
        "csv".equals(format) ? "csv, one file per table, with schema.sql" : "pg_dump custom format");
    List<String> observations = new ArrayList<>();
    int kept = manifest.entries().size();
    if (kept > 0) {
      observations.add("resumed after a restart: " + kept + " file(s) written by an earlier attempt were kept"
          + ("csv".equals(format) ? "; tables exported before and after the restart come from two snapshots of the source" : ""));
    }
    if ("csv".equals(format)) {
      exportCsv(source, dest, manifest);
    } else if (!manifest.has(DumpSnapshot.DUMP_FILE)) {
      Path file = dest.resolve(DumpSnapshot.DUMP_FILE);
      List<String> args = new ArrayList<>(List.of("-Fc", "--no-password", "-f", file.toString()));
      args.addAll(source.toolArgs());
      args.addAll(List.of("-d", source.database()));
      a.tools().runOrFail("pg_dump", PgTool.Call.client("pg_dump", args).env(source.toolEnv()).measuring(() -> FileTrees.size(file)),
          a.situation("exporting the database", source, dest));
      manifest.append(DumpSnapshot.DUMP_FILE);
    }
    int total = manifest.entries().size();
    int[] checked = {0};
    List<String> problems = manifest.recheck(() -> a.beat("re-reading files", 0, ++checked[0], total, start));
    if (!problems.isEmpty()) {
      throw new ActionFailure("step " + a.stepId() + ": files under " + dest + " changed while exporting: " + String.join("; ", problems)
          + ". Check the disk, then run the step again");
    }
    manifest.markComplete();
    long millis = Math.max(1, System.currentTimeMillis() - dir.marker().created().toEpochMilli());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", format);
    out.put("path", dest.toString());
    out.put("manifestPath", manifest.path().toString());
    out.put("manifestSha256", manifest.sha256());
    out.put("files", total);
    out.put("totalBytes", manifest.totalBytes());
    out.put("durationMillis", millis);
    out.put("throughputBytesPerSec", manifest.totalBytes() * 1000 / millis);
    out.put("sourceDsn", source.dsn());
    Map<String, Long> rowCounts = new LinkedHashMap<>();
    manifest.entries().stream().filter(e -> e.rows() != null).forEach(e -> rowCounts.put(e.table(), e.rows()));
    if (!rowCounts.isEmpty()) {
      out.put("rowCounts", rowCounts);
    }
    out.put("createdResources", List.of(dest.toString()));
    dir.complete(out);
    a.log().info("exported {} files, {} bytes, to {}", total, manifest.totalBytes(), dest);
    return new ActionResult(out, observations);
  }

  private void exportCsv(PgEndpoint source, Path dest, ExportManifest manifest) throws Exception {
    long start = System.nanoTime();
    try (Connection c = source.connect()) {
      TableInventory.beginSnapshot(c);
      String snapshot;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        snapshot = rs.getString(1);
      }
      if (!manifest.has("schema.sql")) {
        Path schema = dest.resolve("schema.sql");
        List<String> args = new ArrayList<>(List.of("--schema-only", "--no-owner", "--no-privileges", "--snapshot=" + snapshot,
            "--no-password", "-f", schema.toString()));
        args.addAll(source.toolArgs());
        args.addAll(List.of("-d", source.database()));
        a.tools().runOrFail("pg_dump --schema-only", PgTool.Call.client("pg_dump", args).env(source.toolEnv()),
            a.situation("exporting the schema", source, dest));
        manifest.append("schema.sql");
      }
      List<TableInventory.Table> tables = TableInventory.tables(c, SqlDialect.POSTGRESQL);
      int n = 0;
      for (TableInventory.Table t : tables) {
        n++;
        String file = fileName(t);
        if (manifest.has(file)) {
          continue;
        }
        Path p = dest.resolve(file);
        long rows;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(p))) {
          rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + t.sql() + " TO STDOUT WITH (FORMAT csv, HEADER)", out);
        }
        manifest.append(file, t.display(), rows);
        a.beat("exporting tables", manifest.totalBytes(), n, tables.size(), start);
      }
      c.rollback();
    } catch (SQLException e) {
      throw PgFaults.fromSql(e, a.situation("exporting tables as CSV", source, dest));
    } catch (java.io.IOException e) {
      if (String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw new ActionFailure("step " + a.stepId() + ": exporting tables as CSV failed: disk full while writing under " + dest
            + ". Free space on that volume or choose another destination, then retry the step (finished tables are kept)");
      }
      throw e;
    }
  }

  /** {@code schema.table.csv}; names with other characters are made safe and kept unique with a hash suffix. */
  static String fileName(TableInventory.Table t) {
    String display = t.display();
    if (display.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
      return display + ".csv";
    }
    String hash = java.util.HexFormat.of().formatHex(FileTrees.sha256().digest(display.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return display.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + hash.substring(0, 8) + ".csv";
  }
}
