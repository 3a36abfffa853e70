package io.drillbook.cli;

import io.drillbook.drill.DrillId;
import io.drillbook.runtime.UserError;
import io.drillbook.schedule.ScheduleId;

/** IDs typed on the command line, checked before anything is looked up. */
final class DrillIds {
  private DrillIds() {}

  static String require(String id) {
    if (!DrillId.isValid(id)) {
      throw new UserError("'" + id + "' is not a drill ID: drill IDs look like drl-01jh5v3k6q8w9x2c4m7n0p1r3s "
          + "(see `drillbook drill list`)");
    }
    return id;
  }

  static String requireSchedule(String id) {
    if (!ScheduleId.isValid(id)) {
      throw new UserError("'" + id + "' is not a schedule ID: schedule IDs look like sch-01jh5v3k6q8w9x2c4m7n0p1r3s "
          + "(see `drillbook schedule list`)");
    }
    return id;
  }

  /** An evidence stream: a drill's, or a schedule's (its changes and fires). */
  static boolean isStream(String id) {
    return DrillId.isValid(id) || ScheduleId.isValid(id);
  }

  static String requireStream(String id) {
    if (!isStream(id)) {
      throw new UserError("'" + id + "' is not a drill or schedule ID: they look like drl-01jh5v3k6q8w9x2c4m7n0p1r3s "
          + "(see `drillbook drill list`) or sch-01jh5v3k6q8w9x2c4m7n0p1r3s (see `drillbook schedule list`)");
    }
    return id;
  }
}
