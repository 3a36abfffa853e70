package io.drillbook.provider.aws;

import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.ParamValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * An S3 snapshot: the current version of every object under a prefix at one moment, recorded as the step's
 * output (key, versionId, size, ETag). On a versioned bucket those versions stay readable whatever happens
 * to the objects later, so an export copies exactly the snapshot. Kept in the step output (the evidence),
 * hence bounded: larger buckets are drilled prefix by prefix.
 */
record ObjectVersions(S3Location source, List<Entry> entries) {

  static final int MAX_OBJECTS = 5_000;

  /** One object version; {@code versionId} is null on a bucket that never had versioning. */
  record Entry(String key, String versionId, long size, String eTag) {}

  static ObjectVersions latest(S3Location source, List<ObjectVersion> listed, String stepId) {
    // Empty keys ending in "/" are the console's folder placeholders: no data, and no file name in an export.
    List<Entry> entries = listed.stream().filter(v -> Boolean.TRUE.equals(v.isLatest()))
        .filter(v -> !(v.key().endsWith("/") && v.size() == 0))
        .map(v -> new Entry(v.key(), "null".equals(v.versionId()) ? null : v.versionId(), v.size(), v.eTag())).toList();
    if (entries.size() > MAX_OBJECTS) {
      throw new ActionFailure("step " + stepId + ": " + source.url() + " holds " + entries.size() + " objects; snapshots of more than "
          + MAX_OBJECTS + " objects are not supported in this build. Drill the bucket prefix by prefix (config.prefix)");
    }
    return new ObjectVersions(source, entries);
  }

  long totalBytes() {
    return entries.stream().mapToLong(Entry::size).sum();
  }

  /** The form kept in step outputs. */
  List<Map<String, Object>> toOutput() {
    return entries.stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("key", e.key());
      if (e.versionId() != null) {
        m.put("versionId", e.versionId());
      }
      m.put("size", e.size());
      m.put("eTag", e.eTag());
      return m;
    }).toList();
  }

  /** The snapshot a from step recorded. */
  static ObjectVersions fromOutput(Map<String, Object> from, String stepId, String fromStep) {
    S3Location source = new S3Location(ParamValues.required(from, "bucket", stepId, fromStep),
        from.get("prefix") == null ? "" : from.get("prefix").toString());
    if (!(from.get("objects") instanceof List<?>)) {
      throw new ActionFailure("step " + stepId + ": step " + fromStep + " recorded no object versions; point `from:` at a snapshot step "
          + "of this bucket");
    }
    List<Entry> entries = ParamValues.list(from.get("objects")).stream().map(ParamValues::map).map(m -> new Entry(
        m.get("key").toString(), m.get("versionId") == null ? null : m.get("versionId").toString(), ParamValues.longValue(m.get("size")),
        m.get("eTag") == null ? null : m.get("eTag").toString())).toList();
    return new ObjectVersions(source, entries);
  }
}
