package io.drillbook.provider;

import io.drillbook.drill.ActionResult;

/** Takes a backup or snapshot of the resource; outputs identify it (snapshot id, size, checksum). */
public interface Snapshots extends ResourceDriver {
  ActionResult snapshot(ActionContext ctx) throws Exception;
}
