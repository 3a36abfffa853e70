package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Restores the output of an earlier snapshot step into a target the drill owns. */
public interface Restores extends ResourceDriver {
  ActionResult restore(ActionContext ctx) throws Exception;
}
