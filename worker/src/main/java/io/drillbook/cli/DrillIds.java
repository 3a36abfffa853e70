package io.drillbook.cli;

import io.drillbook.drill.DrillId;
import io.drillbook.runtime.UserError;

final class DrillIds {
  private DrillIds() {}

  static String require(String id) {
    if (!DrillId.isValid(id)) {
      throw new UserError("'" + id + "' is not a drill ID: drill IDs look like drl-01jh5v3k6q8w9x2c4m7n0p1r3s "
          + "(see `drillbook drill list`)");
    }
    return id;
  }
}
