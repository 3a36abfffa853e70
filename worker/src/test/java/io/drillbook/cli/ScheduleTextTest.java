package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.plan.PlanType;
import io.drillbook.schedule.FireReason;
import io.drillbook.schedule.OverlapPolicy;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ScheduleView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTextTest {
  private static final String ID = "sch-01jh5v3k6q8w9x2c4m7n0p1r3s";

  @Test
  void aNextFireReadsInTheSchedulesZoneWinterAndSummerAndInUtc() {
    long winter = Instant.parse("2026-12-01T02:00:00Z").toEpochMilli();
    long summer = Instant.parse("2026-07-01T01:00:00Z").toEpochMilli();

    assertEquals("2026-12-01 03:00 CET (2026-12-01 02:00:00Z)", ScheduleText.nextFire(state(winter, false, false)));
    assertEquals("2026-07-01 03:00 CEST (2026-07-01 01:00:00Z)", ScheduleText.nextFire(state(summer, false, false)));
    assertEquals("none while paused (change freeze)", ScheduleText.nextFire(state(null, true, false)));
  }

  @Test
  void overdueComesFirstAmongTheFlags() {
    assertEquals(List.of("OVERDUE", "PAUSED"), ScheduleText.flags(view(state(null, true, true))));
    assertEquals(List.of(), ScheduleText.flags(view(state(0L, false, false))));
    assertEquals(List.of(ScheduleText.GONE), ScheduleText.flags(view(null)));
  }

  private static ScheduleView view(ScheduleState live) {
    return new ScheduleView(new ScheduleSummary(ID, "clinic", "monthly-restore", "RESTORE_TEST", "p.yaml", "a".repeat(64),
        "0 3 1 * *", "Europe/Paris", "planner", Instant.EPOCH, null, null), live);
  }

  private static ScheduleState state(Long nextFire, boolean paused, boolean overdue) {
    return new ScheduleState(ID, "clinic", "monthly-restore", PlanType.RESTORE_TEST, "0 3 1 * *", "Europe/Paris",
        OverlapPolicy.SKIP, paused, paused ? "change freeze" : null, nextFire, nextFire == null ? null : FireReason.CRON,
        null, null, null, null, null, false, 0, 0, null, overdue, 0L, 0, false, List.of());
  }
}
