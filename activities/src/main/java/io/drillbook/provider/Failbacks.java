package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Returns service to the original primary and measures RTO and RPO. */
public interface Failbacks extends ResourceDriver {
  ActionResult failback(ActionContext ctx) throws Exception;
}
