package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Exports data in a usable format with a SHA-256 manifest (reversibility). */
public interface Exports extends ResourceDriver {
  ActionResult export(ActionContext ctx) throws Exception;
}
