package io.drillbook.provider.local;

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
 */
final class ManifestVerification {

  private ManifestVerification() {}

  static ActionResult verify(ActionContext ctx, Path manifestPath, StepLog log) throws Exception {
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
    if (!problems.isEmpty()) {
      throw new ActionFailure("step " + ctx.stepId() + ": the files under " + manifestPath.getParent()
          + " do not match their manifest: " + String.join("; ", problems) + ". Run the export (or snapshot) again");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("manifestPath", manifestPath.toString());
    out.put("manifestSha256", actual);
    out.put("filesChecked", total);
    out.put("totalBytes", manifest.totalBytes());
    out.put("durationMillis", (System.nanoTime() - start) / 1_000_000);
    log.info("{} files re-read, all match {}", total, manifestPath);
    return ActionResult.of(out);
  }
}
