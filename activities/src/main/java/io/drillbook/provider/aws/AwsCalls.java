package io.drillbook.provider.aws;

import io.drillbook.provider.ActionFailure;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One AWS call on behalf of a step, with its failure explained. The SDK has already retried throttling and
 * transient errors with backoff by then, so what reaches here is for a person: a missing IAM permission
 * (named, with the resource), a quota, a missing snapshot or instance, or AWS unreachable.
 */
public final class AwsCalls {

  private AwsCalls() {}

  /**
   * @param stepId the step, for the message
   * @param iamAction the IAM action the call needs, e.g. rds:CreateDBSnapshot
   * @param resource what it acts on, e.g. "DB instance prod-ehr in eu-west-3"
   */
  public static <T> T call(String stepId, String iamAction, String resource, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      throw explain(stepId, iamAction, resource, e);
    } catch (SdkClientException e) {
      throw ActionFailure.retryable("step " + stepId + ": " + iamAction + " on " + resource + " could not reach AWS or sign the "
          + "request: " + e.getMessage() + ". Check the worker's network, its AWS credentials (environment, profile, instance "
          + "role) and DRILLBOOK_AWS_ENDPOINT_* settings", e);
    }
  }

  static ActionFailure explain(String stepId, String iamAction, String resource, AwsServiceException e) {
    String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    String said = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
        : e.awsErrorDetails().errorMessage();
    String prefix = "step " + stepId + ": " + iamAction + " on " + resource;
    if (isAccessDenied(code, e.statusCode())) {
      return new ActionFailure(prefix + " was denied (" + code + "): the worker's role lacks the IAM permission " + iamAction
          + " on that resource (or a condition on it failed, e.g. the drillbook:drill-id tag). Grant it: see "
          + "deploy/aws/drillbook-policy.json. AWS said: " + said, e);
    }
    if (isQuota(code)) {
      return new ActionFailure(prefix + " hit an AWS quota (" + code + "): " + said
          + ". Remove old drill copies or snapshots, or raise the quota in Service Quotas, then run the drill again", e);
    }
    if (isThrottling(code)) {
      return ActionFailure.retryable(prefix + " was still throttled (" + code + ") after the SDK's retries; the step will be retried", e);
    }
    if (code.contains("NotFound")) {
      return new ActionFailure(prefix + " failed: it does not exist (" + code + "): " + said
          + ". Check the identifier in the plan, or that the step named by `from:` produced it", e);
    }
    if (e.statusCode() >= 500) {
      return ActionFailure.retryable(prefix + " failed on AWS's side (" + e.statusCode() + " " + code + "): " + said, e);
    }
    return new ActionFailure(prefix + " was refused (" + (code.isEmpty() ? "HTTP " + e.statusCode() : code) + "): " + said, e);
  }

  private static boolean isAccessDenied(String code, int status) {
    return code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation") || code.equals("AuthorizationError")
        || code.equals("NotAuthorized") || (status == 403 && code.isEmpty());
  }

  /** RDS says ...QuotaExceeded, EC2 ...LimitExceeded (RequestLimitExceeded is throttling), S3 TooManyBuckets. */
  private static boolean isQuota(String code) {
    String c = code.toLowerCase(Locale.ROOT);
    return c.contains("quotaexceeded") || (c.endsWith("limitexceeded") && !c.equals("requestlimitexceeded"))
        || c.equals("limitexceededexception") || c.equals("toomanybuckets");
  }

  private static boolean isThrottling(String code) {
    return code.startsWith("Throttl") || code.equals("RequestLimitExceeded") || code.equals("TooManyRequestsException")
        || code.equals("SlowDown");
  }
}
