package io.drillbook.provider.aws;

import io.drillbook.provider.ActionFailure;

/**
 * A bucket and a key prefix ({@code prefix} is empty or ends with "/"). Exports of a drill live under
 * {@code <destination prefix>/drillbook-exports/<drill id>/<step id>/}: two drills or two export steps never
 * write into the same place, and the IAM policy can limit deletes to {@code drillbook-exports/} keys, since
 * S3 cannot condition a delete on the object's tags.
 */
record S3Location(String bucket, String prefix) {

  static final String EXPORTS = "drillbook-exports/";

  /** @param url {@code s3://bucket} or {@code s3://bucket/some/prefix} */
  static S3Location parse(String url, String stepId) {
    if (url == null || !url.startsWith("s3://") || url.length() == "s3://".length()) {
      throw new ActionFailure("step " + stepId + ": destination " + url + " is not supported by aws/s3-bucket in this build; use "
          + "s3://bucket/prefix");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), folder(rest.substring(slash + 1)));
  }

  static String folder(String prefix) {
    return prefix == null || prefix.isEmpty() || prefix.endsWith("/") ? (prefix == null ? "" : prefix) : prefix + "/";
  }

  /** Where one export step of one drill writes under this destination. */
  S3Location exportOf(String drillId, String stepId) {
    return new S3Location(bucket, prefix + EXPORTS + safe(drillId) + "/" + safe(stepId) + "/");
  }

  /** Whether the two places share keys: one's prefix contains the other's. */
  boolean overlaps(S3Location other) {
    return bucket.equals(other.bucket) && (prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix));
  }

  String url() {
    return "s3://" + bucket + "/" + prefix;
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
