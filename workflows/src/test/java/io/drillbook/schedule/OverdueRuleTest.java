package io.drillbook.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OverdueRuleTest {

  private static final FireCalendar MONTHLY = FireCalendar.of("0 3 1 * *", "UTC");
  private static final OverdueRule RULE = new OverdueRule(OverdueRule.DEFAULT_GRACE);

  @Test
  void aPlanIsOverdueOnceItsLastPassIsOlderThanTheIntervalPlusGrace() {
    Instant passed = Instant.parse("2026-03-01T03:10:00Z");
    Instant created = Instant.parse("2025-06-01T00:00:00Z");
    // Around 5 April the interval is April's 30 days: due 30 + 5 days after the pass.
    Instant due = Instant.parse("2026-04-05T03:10:00Z");

    assertEquals(due, RULE.dueBy(MONTHLY, Instant.parse("2026-04-05T03:00:00Z"), passed, created));
    assertFalse(RULE.isOverdue(MONTHLY, Instant.parse("2026-04-05T03:00:00Z"), passed, created));
    assertTrue(RULE.isOverdue(MONTHLY, Instant.parse("2026-04-05T04:00:00Z"), passed, created));
  }

  @Test
  void aPlanThatNeverPassedCountsFromTheScheduleCreation() {
    Instant now = Instant.parse("2026-02-20T00:00:00Z");

    // February's interval is 28 days: created 10 January, due 12 February.
    assertTrue(RULE.isOverdue(MONTHLY, now, null, Instant.parse("2026-01-10T00:00:00Z")));
    assertFalse(RULE.isOverdue(MONTHLY, now, null, Instant.parse("2026-02-10T00:00:00Z")));
  }

  @Test
  void aYearlyPraTestHasAYearOfInterval() {
    FireCalendar yearly = FireCalendar.of("0 3 15 6 *", "Europe/Paris");
    Instant passed = Instant.parse("2025-06-15T09:00:00Z");

    assertFalse(RULE.isOverdue(yearly, Instant.parse("2026-06-19T00:00:00Z"), passed, passed));
    assertTrue(RULE.isOverdue(yearly, Instant.parse("2026-06-21T00:00:00Z"), passed, passed));
  }

  @Test
  void theGraceCanBeZeroButNotNegative() {
    Instant passed = Instant.parse("2026-03-01T03:10:00Z");

    // On 1 April at 04:00 the interval around now is April's 30 days: due 31 March 03:10 without grace.
    assertTrue(new OverdueRule(Duration.ZERO).isOverdue(MONTHLY, Instant.parse("2026-04-01T04:00:00Z"), passed, passed));
    assertFalse(RULE.isOverdue(MONTHLY, Instant.parse("2026-04-01T04:00:00Z"), passed, passed));
    assertThrows(IllegalArgumentException.class, () -> new OverdueRule(Duration.ofDays(-1)));
  }
}
