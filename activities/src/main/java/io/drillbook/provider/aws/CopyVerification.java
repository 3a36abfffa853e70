package io.drillbook.provider.aws;

import io.drillbook.drill.ActionResult;
import io.drillbook.provider.ActionFailure;
import io.drillbook.provider.local.RestoredDatabaseVerification;
import java.util.Map;

/**
 * {@code verify} of a restored RDS or Aurora copy: JDBC to its endpoint and exactly the checks of the local
 * provider (row counts against the source at snapshot time, named checks, queries, checksums). No AWS call:
 * the restore step recorded the endpoint.
 */
final class CopyVerification {

  private final RdsAction a;

  CopyVerification(RdsAction a) {
    this.a = a;
  }

  ActionResult verify() {
    Map<String, Object> from = a.ctx().from();
    if (from.get("endpointAddress") == null) {
      throw new ActionFailure("step " + a.stepId() + ": verify needs `from:` to name a restore step of this resource (step "
          + a.ctx().request().fromStepId() + " recorded no endpoint)");
    }
    return RestoredDatabaseVerification.verify(a.ctx(),
        a.endpoint(String.valueOf(from.get("engine")), from.get("endpointAddress").toString(), from.get("port")));
  }
}
