package io.drillbook.provider.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drillbook.provider.ActionContext;
import io.drillbook.provider.Progress;
import io.drillbook.provider.local.ExportManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Copies the versions of an S3 snapshot to an export location, server-side (the data does not pass
 * through the worker twice): each version is read once for its SHA-256, then copied with CopyObject, or in
 * parts with UploadPartCopy above the part size. Every copy carries its checksum, its source version and
 * the drill in its metadata, and is written whole or not at all, so a retried attempt skips objects
 * already there with the same source version and checksum. Last comes {@code manifest.json}, in the local
 * provider's manifest format.
 */
final class S3VersionExport {

  static final String META_DRILL = "drillbook-drill-id";
  static final String META_STEP = "drillbook-step-id";
  static final String META_SHA256 = "drillbook-sha256";
  static final String META_SOURCE_VERSION = "drillbook-source-version";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** What the export did: the manifest it wrote (and its SHA-256), and how many objects an earlier attempt had copied. */
  record Result(ExportManifest.Document manifest, String manifestSha256, int resumed) {}

  private final ActionContext ctx;
  private final S3Objects s3;
  private final long partSize;

  S3VersionExport(ActionContext ctx, S3Objects s3, long partSize) {
    this.ctx = ctx;
    this.s3 = s3;
    this.partSize = partSize;
  }

  Result run(ObjectVersions snapshot, S3Location to) throws IOException {
    long start = System.nanoTime();
    S3Location from = snapshot.source();
    List<ExportManifest.Entry> entries = new ArrayList<>();
    int resumed = 0;
    long bytes = 0;
    for (ObjectVersions.Entry e : snapshot.entries()) {
      String file = e.key().substring(from.prefix().length());
      String toKey = to.prefix() + file;
      Optional<String> done = s3.head(to.bucket(), toKey, null).flatMap(h -> alreadyCopied(h, e));
      String sha256;
      if (done.isPresent()) {
        sha256 = done.get();
        resumed++;
      } else {
        S3Objects.Read read = s3.read(from.bucket(), e.key(), e.versionId());
        sha256 = read.sha256();
        Map<String, String> metadata = metadata(e, sha256);
        if (e.size() > partSize) {
          s3.copyInParts(from.bucket(), e.key(), e.versionId(), e.size(), partSize, to.bucket(), toKey, read.contentType(), metadata);
        } else {
          s3.copy(from.bucket(), e.key(), e.versionId(), to.bucket(), toKey, read.contentType(), metadata);
        }
      }
      entries.add(new ExportManifest.Entry(file, e.size(), sha256, null, null));
      bytes += e.size();
      ctx.heartbeat().beat(new Progress("copying object versions", bytes, entries.size(), snapshot.entries().size(),
          (System.nanoTime() - start) / 1_000_000));
    }
    ExportManifest.Document manifest = new ExportManifest.Document(ExportManifest.FORMAT, ctx.drillId(), ctx.stepId(), from.url(),
        "s3-object-versions", true, entries);
    byte[] json = JSON.writeValueAsBytes(manifest);
    s3.put(to.bucket(), to.prefix() + ExportManifest.FILE, json, "application/json", drillMetadata());
    try (var in = new java.io.ByteArrayInputStream(json)) {
      return new Result(manifest, S3Objects.sha256(in), resumed);
    }
  }

  /** The checksum of an earlier attempt's copy of {@code e}, when that copy is complete and of the same version. */
  private static Optional<String> alreadyCopied(HeadObjectResponse head, ObjectVersions.Entry e) {
    Map<String, String> meta = head.metadata();
    boolean same = head.contentLength() != null && head.contentLength() == e.size() && meta.get(META_SHA256) != null
        && String.valueOf(e.versionId()).equals(meta.get(META_SOURCE_VERSION));
    return same ? Optional.of(meta.get(META_SHA256)) : Optional.empty();
  }

  private Map<String, String> metadata(ObjectVersions.Entry e, String sha256) {
    Map<String, String> m = drillMetadata();
    m.put(META_SHA256, sha256);
    m.put(META_SOURCE_VERSION, String.valueOf(e.versionId()));
    return m;
  }

  /** What the delete guard looks for on every object of an export. */
  private Map<String, String> drillMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(META_DRILL, ctx.drillId());
    m.put(META_STEP, ctx.stepId());
    return m;
  }
}
