package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify} of an export (or a directory copy): an independent pass that reads every file listed in the
 * manifest again and checks its size and SHA-256, and checks that the manifest itself is the one the export
 * step recorded ({@code manifestSha256}), so neither a damaged file nor an edited manifest goes unnoticed.
 * With {@code rowCounts}, the rows of each CSV file are counted again, from the file alone.
 */
final class ManifestVerification {

  private ManifestVerification() {}

  /**
   * @param rowCounts {@code with.rowCounts} or null: when given, each table's CSV records are counted and
   *     compared with the rows the source had when the table was exported (within {@code tolerance})
   */
  static ActionResult verify(ActionContext ctx, Path manifestPath, Map<String, Object> rowCounts, StepLog log) throws Exception {
    long start = System.nanoTime();
    ExportManifest manifest = ExportManifest.read(manifestPath);
    List<String> problems = new ArrayList<>();
    if (!manifest.complete()) {
      problems.add("the manifest is not marked complete: the export did not finish");
    }
    Object recorded = ctx.from().get("manifestSha256");
    String actual = manifest.sha256();
    if (recorded != null && !recorded.toString().equals(actual)) {
      problems.add("manifest.json changed since the step that wrote it (its SHA-256 differs from the recorded one)");
    }
    int total = manifest.entries().size();
    int[] done = {0};
    problems.addAll(manifest.recheck(() -> ctx.heartbeat().beat(
        new Progress("re-reading files", 0, ++done[0], total, (System.nanoTime() - start) / 1_000_000))));
    Map<String, Long> counted = new LinkedHashMap<>();
    if (rowCounts != null) {
      long tolerance = rowCounts.get("tolerance") == null ? 0 : ParamValues.longValue(rowCounts.get("tolerance"));
      List<ExportManifest.Entry> tables = manifest.entries().stream().filter(e -> e.rows() != null).toList();
      if (tables.isEmpty()) {
        problems.add("rowCounts needs an export with one CSV file per table (format: csv); restore a dump and verify the restore instead");
      }
      for (ExportManifest.Entry e : tables) {
        long records = CsvRecordCount.of(manifest.dir().resolve(e.file()));
        counted.put(e.table(), records);
        if (Math.abs(records - e.rows()) > tolerance) {
          problems.add(e.file() + " holds " + records + " rows, the source had " + e.rows() + " when it was exported");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ActionFailure("step " + ctx.stepId() + ": the files under " + manifestPath.getParent()
          + " do not match their manifest: " + String.join("; ", problems) + ". Run the export (or snapshot) again");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("manifestPath", manifestPath.toString());
    out.put("manifestSha256", actual);
    out.put("filesChecked", total);
    out.put("totalBytes", manifest.totalBytes());
    if (!counted.isEmpty()) {
      out.put("rowCounts", counted);
    }
    out.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
    log.info("{} files re-read, all match {}", total, manifestPath);
    return ActionResult.of(out);
  }
}
