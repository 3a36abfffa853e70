package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The S3 calls of the {@code s3-bucket} driver, each through {@link AwsCalls} so a refusal names the IAM
 * action and the object. A version id of {@code null} (an unversioned bucket) means the current object.
 */
record S3Objects(S3Client s3, String stepId, String region) {

  static S3Objects of(ActionContext c, AwsClients aws) {
    AwsAccess access = AwsAccess.of(c);
    return new S3Objects(aws.s3(access), c.stepId(), access.region());
  }

  String versioning(String bucket) {
    return call("s3:GetBucketVersioning", "bucket " + bucket, () -> s3.getBucketVersioning(r -> r.bucket(bucket)).statusAsString());
  }

  /** Every version and delete marker under a prefix, in one listing. */
  record Listing(List<ObjectVersion> versions, List<DeleteMarkerEntry> deleteMarkers) {}

  Listing versions(S3Location where) {
    return call("s3:ListBucketVersions", where.url(), () -> {
      List<ObjectVersion> versions = new java.util.ArrayList<>();
      List<DeleteMarkerEntry> markers = new java.util.ArrayList<>();
      s3.listObjectVersionsPaginator(r -> r.bucket(where.bucket()).prefix(where.prefix())).forEach(page -> {
        versions.addAll(page.versions());
        markers.addAll(page.deleteMarkers());
      });
      return new Listing(versions, markers);
    });
  }

  Optional<HeadObjectResponse> head(String bucket, String key, String versionId) {
    try {
      return Optional.of(call(versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", object(bucket, key, versionId),
          () -> s3.headObject(r -> r.bucket(bucket).key(key).versionId(versionId))));
    } catch (ActionFailure e) {
      if (e.getCause() instanceof AwsServiceException aws && aws.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What reading an object once tells: its SHA-256 and content type. */
  record Read(String sha256, String contentType) {}

  /** Reads an object (version) once, as a stream, for its SHA-256. */
  Read read(String bucket, String key, String versionId) {
    return call(versionId == null ? "s3:GetObject" : "s3:GetObjectVersion", object(bucket, key, versionId), () -> {
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key).versionId(versionId))) {
        return new Read(sha256(in), in.response().contentType());
      } catch (IOException e) {
        throw ActionFailure.retryable("step " + stepId + ": reading " + object(bucket, key, versionId) + " broke off: " + e.getMessage(), e);
      }
    });
  }

  byte[] bytes(String bucket, String key) {
    return call("s3:GetObject", object(bucket, key, null), () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
  }

  void put(String bucket, String key, byte[] content, String contentType, Map<String, String> metadata) {
    call("s3:PutObject", object(bucket, key, null), () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType)
        .metadata(metadata), RequestBody.fromBytes(content)));
  }

  /** A server-side copy of one source version in a single request (objects up to 5 GiB). */
  void copy(String fromBucket, String fromKey, String versionId, String toBucket, String toKey, String contentType,
      Map<String, String> metadata) {
    call(copyActions(versionId), object(toBucket, toKey, null) + " from " + object(fromBucket, fromKey, versionId), () -> s3.copyObject(r -> r
        .sourceBucket(fromBucket).sourceKey(fromKey).sourceVersionId(versionId).destinationBucket(toBucket).destinationKey(toKey)
        .metadataDirective(MetadataDirective.REPLACE).metadata(metadata).contentType(contentType)));
  }

  /** A server-side copy in parts of {@code partSize} bytes (UploadPartCopy), for objects of any size. */
  void copyInParts(String fromBucket, String fromKey, String versionId, long size, long partSize, String toBucket, String toKey,
      String contentType, Map<String, String> metadata) {
    String what = object(toBucket, toKey, null) + " from " + object(fromBucket, fromKey, versionId);
    String uploadId = call("s3:PutObject", what, () -> s3.createMultipartUpload(r -> r.bucket(toBucket).key(toKey)
        .contentType(contentType).metadata(metadata)).uploadId());
    List<CompletedPart> parts = new java.util.ArrayList<>();
    for (long first = 0; first < size; first += partSize) {
      int number = parts.size() + 1;
      String range = "bytes=" + first + "-" + (Math.min(first + partSize, size) - 1);
      String etag = call(copyActions(versionId), what, () -> s3.uploadPartCopy(r -> r.sourceBucket(fromBucket).sourceKey(fromKey)
          .sourceVersionId(versionId).destinationBucket(toBucket).destinationKey(toKey).uploadId(uploadId).partNumber(number)
          .copySourceRange(range)).copyPartResult().eTag());
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    call("s3:PutObject", what, () -> s3.completeMultipartUpload(r -> r.bucket(toBucket).key(toKey).uploadId(uploadId)
        .multipartUpload(m -> m.parts(parts))));
  }

  void delete(String bucket, String key, String versionId) {
    call(versionId == null ? "s3:DeleteObject" : "s3:DeleteObjectVersion", object(bucket, key, versionId),
        () -> s3.deleteObject(r -> r.bucket(bucket).key(key).versionId(versionId)));
  }

  static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DigestInputStream d = new DigestInputStream(in, digest)) {
        d.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** A copy writes its target and reads its source. */
  private static String copyActions(String versionId) {
    return "s3:PutObject / " + (versionId == null ? "s3:GetObject" : "s3:GetObjectVersion");
  }

  private static String object(String bucket, String key, String versionId) {
    return "s3://" + bucket + "/" + key + (versionId == null ? "" : " (version " + versionId + ")");
  }

  private <T> T call(String iamAction, String what, Supplier<T> call) {
    return AwsCalls.call(stepId, iamAction, what + " in " + region, call);
  }
}
