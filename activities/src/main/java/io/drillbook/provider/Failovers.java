package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Fails over to a standby and measures RTO and RPO. */
public interface Failovers extends ResourceDriver {
  ActionResult failover(ActionContext ctx) throws Exception;
}
