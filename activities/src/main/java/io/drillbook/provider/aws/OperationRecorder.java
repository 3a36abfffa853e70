package io.drillbook.provider.aws;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Notes the IAM action of every request the SDK is about to send (retries and polls included). The
 * least-privilege test compares what the provider tests sent with deploy/aws/drillbook-policy.json.
 */
public final class OperationRecorder implements ExecutionInterceptor {

  private final Set<String> actions = new ConcurrentSkipListSet<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    actions.addAll(IamActions.of(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
  }

  /** The IAM actions sent so far, sorted, e.g. {@code rds:CreateDBSnapshot}. */
  public Set<String> actions() {
    return new TreeSet<>(actions);
  }
}
