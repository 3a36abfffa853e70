package io.drillbook.provider.aws;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.util.Map;

/**
 * How one resource is reached: its region and, for a client's account, the role the worker assumes there
 * ({@code roleArn}, with the {@code externalId} its trust policy demands). Neither is a secret: the
 * credentials come from the worker's own chain, never from the plan.
 */
public record AwsAccess(String resourceName, String region, String roleArn, String externalId) {

  public static AwsAccess of(ActionContext ctx) {
    Map<String, Object> config = ctx.config();
    Object region = config.get("region");
    if (region == null || region.toString().isBlank()) {
      throw new ActionFailure("resource " + ctx.request().resourceName() + ": config.region is missing; set it to the region the "
          + "resource is in, e.g. eu-west-3");
    }
    return new AwsAccess(ctx.request().resourceName(), region.toString(), text(config.get("roleArn")), text(config.get("externalId")));
  }

  private static String text(Object o) {
    return o == null || o.toString().isBlank() ? null : o.toString();
  }

  /** For messages: the region and, when one is assumed, the role. */
  public String where() {
    return region + (roleArn == null ? "" : " through role " + roleArn);
  }
}
