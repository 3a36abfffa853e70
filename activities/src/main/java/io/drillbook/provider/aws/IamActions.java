package io.drillbook.provider.aws;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The IAM action that authorises an SDK operation. For most services it is {@code prefix:OperationName};
 * S3 is the exception (its object operations are authorised by a few broader actions), listed here so the
 * least-privilege test and the AccessDenied messages name what a policy must grant.
 */
public final class IamActions {

  private static final Map<String, String> PREFIXES = Map.of("Rds", "rds", "Sts", "sts", "S3", "s3", "Ec2", "ec2", "Backup", "backup",
      "SecretsManager", "secretsmanager");

  private static final Map<String, String> S3 = Map.ofEntries(
      Map.entry("HeadObject", "GetObject"),
      Map.entry("HeadBucket", "ListBucket"),
      Map.entry("ListObjectsV2", "ListBucket"),
      Map.entry("ListObjects", "ListBucket"),
      Map.entry("ListObjectVersions", "ListBucketVersions"),
      Map.entry("CreateMultipartUpload", "PutObject"),
      Map.entry("UploadPart", "PutObject"),
      Map.entry("UploadPartCopy", "PutObject"),
      Map.entry("CompleteMultipartUpload", "PutObject"),
      Map.entry("CopyObject", "PutObject"),
      Map.entry("ListParts", "ListMultipartUploadParts"),
      Map.entry("DeleteObjects", "DeleteObject"),
      Map.entry("GetBucketVersioning", "GetBucketVersioning"),
      Map.entry("PutObjectTagging", "PutObjectTagging"));

  /** S3 operations on one version of an object are authorised by the ...Version action instead. */
  private static final Map<String, String> S3_VERSIONED = Map.of(
      "GetObject", "GetObjectVersion",
      "HeadObject", "GetObjectVersion",
      "DeleteObject", "DeleteObjectVersion");

  /** S3 operations that read a source object besides writing their target (server-side copies). */
  private static final Set<String> S3_COPIES = Set.of("CopyObject", "UploadPartCopy");

  private IamActions() {}

  /**
   * Every IAM action one request needs: {@link #of(String, String)}, except that S3 requests naming a
   * version need the version's action, and S3 copies also read their source (a version of it when named).
   */
  public static Set<String> of(String service, String operation, SdkRequest request) {
    String action = of(service, operation);
    if (!"S3".equals(service) || request == null) {
      return Set.of(action);
    }
    if (S3_COPIES.contains(operation)) {
      boolean version = request.getValueForField("SourceVersionId", String.class).isPresent();
      return Set.of(action, version ? "s3:GetObjectVersion" : "s3:GetObject");
    }
    boolean version = request.getValueForField("VersionId", String.class).isPresent();
    return Set.of(version && S3_VERSIONED.containsKey(operation) ? "s3:" + S3_VERSIONED.get(operation) : action);
  }

  /**
   * @param service the SDK's service name (SdkExecutionAttribute.SERVICE_NAME: Rds, Sts, S3, Ec2, Backup)
   * @param operation the SDK's operation name (CreateDBSnapshot, ...)
   */
  public static String of(String service, String operation) {
    String prefix = PREFIXES.getOrDefault(service, service.toLowerCase(Locale.ROOT));
    String action = "s3".equals(prefix) ? S3.getOrDefault(operation, operation) : operation;
    return prefix + ":" + action;
  }
}
