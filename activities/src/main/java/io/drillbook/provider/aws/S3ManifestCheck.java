package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.ExportManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@code verify} of an S3 export or snapshot, an independent pass. An export: the manifest is the one the
 * export step recorded (its SHA-256), and every object it lists is read again and checked for size and
 * SHA-256. A snapshot: every recorded version still exists with its size and ETag. Each problem names its
 * key; any problem fails the step.
 */
final class S3ManifestCheck {

  private S3ManifestCheck() {}

  static ActionResult export(ActionContext c, S3Objects s3, S3Location at, String recordedSha256) throws IOException {
    long start = System.nanoTime();
    String manifestKey = at.prefix() + ExportManifest.FILE;
    if (s3.head(at.bucket(), manifestKey, null).isEmpty()) {
      throw new ActionFailure("step " + c.stepId() + ": s3://" + at.bucket() + "/" + manifestKey + " is missing: the export was removed "
          + "or never completed; run the export again");
    }
    byte[] raw = s3.bytes(at.bucket(), manifestKey);
    List<String> problems = new ArrayList<>();
    String actual = S3Objects.sha256(new ByteArrayInputStream(raw));
    if (recordedSha256 != null && !recordedSha256.equals(actual)) {
      problems.add("manifest.json changed since the step that wrote it (its SHA-256 differs from the recorded one)");
    }
    ExportManifest.Document manifest = S3VersionExport.JSON.readValue(raw, ExportManifest.Document.class);
    if (!manifest.complete()) {
      problems.add("the manifest is not marked complete: the export did not finish");
    }
    long bytes = 0;
    int done = 0;
    for (ExportManifest.Entry e : manifest.files()) {
      String key = at.prefix() + e.file();
      Optional<HeadObjectResponse> head = s3.head(at.bucket(), key, null);
      if (head.isEmpty()) {
        problems.add(key + ": missing");
      } else if (head.get().contentLength() != e.size()) {
        problems.add(key + ": size " + head.get().contentLength() + " instead of " + e.size());
      } else if (!s3.read(at.bucket(), key, null).sha256().equals(e.sha256())) {
        problems.add(key + ": SHA-256 differs from the manifest");
      }
      bytes += e.size();
      c.heartbeat().beat(new Progress("re-reading exported objects", bytes, ++done, manifest.files().size(), millisSince(start)));
    }
    fail(c, "the objects under " + at.url() + " do not match their manifest", problems, "Run the export again");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("manifestPath", "s3://" + at.bucket() + "/" + manifestKey);
    out.put("manifestSha256", actual);
    out.put("filesChecked", manifest.files().size());
    out.put("totalBytes", bytes);
    out.put("durationMillis", millisSince(start));
    return ActionResult.of(out);
  }

  static ActionResult snapshot(ActionContext c, S3Objects s3, ObjectVersions snapshot) {
    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    int done = 0;
    for (ObjectVersions.Entry e : snapshot.entries()) {
      Optional<HeadObjectResponse> head = s3.head(snapshot.source().bucket(), e.key(), e.versionId());
      if (head.isEmpty()) {
        problems.add(e.key() + (e.versionId() == null ? "" : " version " + e.versionId()) + ": missing");
      } else if (head.get().contentLength() != e.size() || (e.eTag() != null && !e.eTag().equals(head.get().eTag()))) {
        problems.add(e.key() + ": size or ETag differs from the snapshot");
      }
      c.heartbeat().beat(new Progress("checking object versions", 0, ++done, snapshot.entries().size(), millisSince(start)));
    }
    fail(c, "the snapshot's object versions in " + snapshot.source().url() + " are no longer all there", problems,
        "Check the bucket's lifecycle rules and versioning, then take the snapshot again");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("versionsChecked", snapshot.entries().size());
    out.put("totalBytes", snapshot.totalBytes());
    out.put("durationMillis", millisSince(start));
    return ActionResult.of(out);
  }

  private static void fail(ActionContext c, String what, List<String> problems, String fix) {
    if (!problems.isEmpty()) {
      throw new ActionFailure("step " + c.stepId() + ": " + what + ": " + String.join("; ", problems) + ". " + fix);
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
