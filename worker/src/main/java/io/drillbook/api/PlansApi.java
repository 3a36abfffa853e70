package io.drillbook.api;

import io.drillbook.auth.Principal;
import io.drillbook.plan.RaciMatrix;
import io.drillbook.service.PlanLibrary;
import io.drillbook.service.ServiceRefusal;
import io.drillbook.service.ServiceRefusal.Kind;
import io.drillbook.service.StoredPlan;
import io.javalin.http.Context;
import java.util.Map;

/** The {@code /plans} resources: the caller's plans in the plans directory, with validity and RACI. */
final class PlansApi {
  private final PlanLibrary plans;

  PlansApi(PlanLibrary plans) {
    this.plans = plans;
  }

  void list(Context ctx, Principal who) {
    ctx.json(Map.of("plans", plans.visibleTo(who).stream().map(ApiJson::plan).toList()));
  }

  void raci(Context ctx, Principal who) {
    String name = ctx.pathParam("name");
    StoredPlan plan = plans.find(who, name);
    if (!plan.valid()) {
      throw new ServiceRefusal(Kind.CONFLICT, "plan '" + name + "' (" + plan.loaded().file() + ") is not valid, so "
          + "its RACI matrix may be wrong", "fix the file (drillbook plan validate " + plan.loaded().file() + ")");
    }
    ctx.json(ApiJson.raci(plan, RaciMatrix.of(plan.loaded().plan())));
  }
}
