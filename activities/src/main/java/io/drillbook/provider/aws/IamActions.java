package io.drillbook.provider.aws;

import java.util.Locale;
import java.util.Map;

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

  private IamActions() {}

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
