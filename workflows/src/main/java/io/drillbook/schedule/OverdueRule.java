package io.drillbook.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a scheduled plan is overdue: its last PASSED drill (PASSED or PASSED_WITH_OBSERVATIONS) is older than
 * the plan's cron interval plus a grace period, or it never passed and its schedule was created longer ago
 * than that. The interval is the gap between the two consecutive fires around now, so a monthly restore test
 * is overdue some 35 days (30 or 31 + 5) after its last pass, a yearly PRA test some 370 days after.
 *
 * <p>The grace period covers a drill that runs long, a retest after a failure, a pause for a change freeze:
 * an overdue plan is a gap an auditor will ask about (ISO 27001 A.8.13, SecNumCloud 12.5), so it is alerted on.
 */
public record OverdueRule(Duration grace) {

  public static final Duration DEFAULT_GRACE = Duration.ofDays(5);

  public OverdueRule {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the overdue grace period cannot be negative");
    }
  }

  /**
   * The time after which the plan is overdue unless a drill passes first, as seen at {@code now} (the interval
   * around a later time may differ by a few days: months have different lengths).
   *
   * @param lastPassedAt null when no drill of this schedule ever passed
   */
  public Instant dueBy(FireCalendar calendar, Instant now, Instant lastPassedAt, Instant createdAt) {
    Instant since = lastPassedAt != null ? lastPassedAt : createdAt;
    return since.plus(calendar.intervalAround(now)).plus(grace);
  }

  public boolean isOverdue(FireCalendar calendar, Instant now, Instant lastPassedAt, Instant createdAt) {
    return now.isAfter(dueBy(calendar, now, lastPassedAt, createdAt));
  }
}
