package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Removes what an earlier step of the same drill created; refuses anything else. */
public interface Deletes extends ResourceDriver {
  ActionResult delete(ActionContext ctx) throws Exception;
}
