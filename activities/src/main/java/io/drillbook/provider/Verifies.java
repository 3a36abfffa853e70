package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Checks restored or exported data (row counts, checks, checksums, manifests). */
public interface Verifies extends ResourceDriver {
  ActionResult verify(ActionContext ctx) throws Exception;
}
