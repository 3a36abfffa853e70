package io.drillbook.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireCalendarTest {

  @Test
  void monthlyFiresAtThreeLocalOnBothSidesOfDaylightSaving() {
    FireCalendar monthly = FireCalendar.of("0 3 1 * *", "Europe/Paris");

    assertEquals(at("2026-03-01T03:00+01:00"), monthly.nextAfter(at("2026-02-15T00:00+01:00")));
    assertEquals(at("2026-04-01T03:00+02:00"), monthly.nextAfter(at("2026-03-01T03:00+01:00")));
    assertEquals(at("2026-11-01T03:00+01:00"), monthly.nextAfter(at("2026-10-01T03:00+02:00")));
  }

  @Test
  void aLocalTimeInTheSpringForwardGapFiresOnceAtTheEndOfTheGap() {
    FireCalendar daily = FireCalendar.of("30 2 * * *", "Europe/Paris");
    FireCalendar quarterHours = FireCalendar.of("*/15 2 * * *", "Europe/Paris");

    // 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day.
    assertEquals(at("2026-03-29T03:00+02:00"), daily.nextAfter(at("2026-03-28T02:30+01:00")));
    assertEquals(at("2026-03-30T02:30+02:00"), daily.nextAfter(at("2026-03-29T03:00+02:00")));
    assertEquals(List.of(at("2026-03-28T02:45+01:00"), at("2026-03-29T03:00+02:00"), at("2026-03-30T02:00+02:00")),
        fires(quarterHours, at("2026-03-28T02:30+01:00"), 3));
  }

  @Test
  void aLocalTimeOfTheRepeatedHourFiresOnceAtItsFirstOccurrence() {
    FireCalendar daily = FireCalendar.of("30 2 * * *", "Europe/Paris");

    // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    assertEquals(List.of(at("2026-10-25T02:30+02:00"), at("2026-10-26T02:30+01:00")),
        fires(daily, at("2026-10-24T02:30+02:00"), 2));
    // Asked during the second 02:xx hour, 02:30 has already fired that day.
    assertEquals(at("2026-10-26T02:30+01:00"), daily.nextAfter(at("2026-10-25T02:10+01:00")));
  }

  @Test
  void lastAtOrBeforeIncludesTheInstantItself() {
    FireCalendar monthly = FireCalendar.of("0 3 1 * *", "UTC");

    assertEquals(at("2026-04-01T03:00Z"), monthly.lastAtOrBefore(at("2026-04-01T03:00Z")));
    assertEquals(at("2026-03-01T03:00Z"), monthly.lastAtOrBefore(at("2026-04-01T02:59Z")));
  }

  @Test
  void theIntervalIsTheGapBetweenTheFiresAroundNow() {
    FireCalendar monthly = FireCalendar.of("0 3 1 * *", "UTC");
    FireCalendar yearly = FireCalendar.of("0 3 15 6 *", "Europe/Paris");

    assertEquals(Duration.ofDays(28), monthly.intervalAround(at("2026-02-15T00:00Z")));
    assertEquals(Duration.ofDays(31), monthly.intervalAround(at("2026-03-15T00:00Z")));
    assertEquals(Duration.ofDays(365), yearly.intervalAround(at("2026-09-01T00:00Z")));
  }

  @Test
  void badCronsAndZonesAreExplained() {
    List<String> both = FireCalendar.problems("0 3 1 * * *", "Europe/Pariss");
    List<String> never = FireCalendar.problems("0 0 30 2 *", "UTC");
    List<String> missing = FireCalendar.problems(null, null);

    assertEquals(2, both.size(), both.toString());
    assertTrue(both.get(0).startsWith("bad cron '0 3 1 * * *'") && both.get(0).contains("write 5 fields"), both.get(0));
    assertTrue(both.get(1).contains("unknown time zone 'Europe/Pariss'"), both.get(1));
    assertTrue(never.get(0).contains("never fires"), never.toString());
    assertEquals(2, missing.size(), missing.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FireCalendar.of("61 3 * * *", "UTC"));
    assertTrue(e.getMessage().contains("61"), e.getMessage());
  }

  private static List<Instant> fires(FireCalendar calendar, Instant after, int count) {
    List<Instant> fires = new ArrayList<>();
    Instant t = after;
    for (int i = 0; i < count; i++) {
      t = calendar.nextAfter(t);
      fires.add(t);
    }
    return fires;
  }

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }
}
