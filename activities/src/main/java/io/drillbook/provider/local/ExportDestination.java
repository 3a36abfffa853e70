package io.drillbook.provider.local;

import io.drillbook.provider.ActionContext;
import io.drillbook.provider.ActionFailure;
import java.nio.file.Path;

/**
 * Where an export goes: {@code destination: dir:/abs/path} becomes {@code /abs/path/<drill id>/<step id>/},
 * so two drills, or two export steps, never write into the same directory.
 */
final class ExportDestination {

  private ExportDestination() {}

  static Path of(ActionContext ctx) {
    String d = ctx.param("destination").orElseThrow(() -> new ActionFailure("step " + ctx.stepId()
        + ": export needs with.destination, e.g. destination: dir:/var/lib/drillbook/exports"));
    if (!d.startsWith("dir:")) {
      throw new ActionFailure("step " + ctx.stepId() + ": destination " + d + " is not supported by the local provider; use dir:/abs/path");
    }
    Path base = Path.of(d.substring("dir:".length()));
    if (!base.isAbsolute()) {
      throw new ActionFailure("step " + ctx.stepId() + ": destination " + d + " must be an absolute path (dir:/abs/path)");
    }
    return base.resolve(safe(ctx.drillId())).resolve(safe(ctx.stepId()));
  }

  private static String safe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
