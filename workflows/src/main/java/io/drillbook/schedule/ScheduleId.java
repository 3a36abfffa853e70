package io.drillbook.schedule;

import io.drillbook.drill.DrillId;
import java.util.regex.Pattern;

/**
 * Schedule IDs: {@code sch-} followed by a ULID, like drill IDs. A schedule's workflow ID is its schedule ID,
 * visible in every Temporal tool, so it carries no tenant or plan name; those stay inside the workflow input.
 * Made by the CLI or the API before the scheduler starts, never in workflow code (it reads the clock).
 */
public final class ScheduleId {

  private static final String PREFIX = "sch-";
  private static final Pattern FORMAT = Pattern.compile("sch-[0-9a-hjkmnp-tv-z]{26}");

  private ScheduleId() {}

  public static String newId() {
    // The ULID part of a fresh drill ID: same alphabet, same ordering, one generator to maintain.
    return PREFIX + DrillId.newId().substring("drl-".length());
  }

  public static boolean isValid(String id) {
    return id != null && FORMAT.matcher(id).matches();
  }
}
