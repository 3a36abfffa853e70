package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Imports exported data into a target (migration). */
public interface Imports extends ResourceDriver {
  ActionResult importData(ActionContext ctx) throws Exception;
}
