package io.drillbook.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a UNIX cron (5 fields) fires in a time zone.
 *
 * <p>cron-utils matches the cron on the wall clock in UTC, where no day has a gap or an overlap, and each
 * matching local time is then placed in the zone by one explicit rule. Left to itself, cron-utils silently
 * drops a local time that falls in a daylight-saving gap (a daily 02:30 Europe/Paris would not run at all on
 * the spring-forward day), and a restore test that quietly skips a day is the kind of gap an audit finds:
 * <ul>
 *   <li>a local time that does not exist that day fires at the end of the gap, the first valid instant
 *       (Europe/Paris, last Sunday of March: 02:30 fires at 03:00 CEST; several times in the gap fire once);
 *   <li>a local time that occurs twice (fall back) fires once, at its first occurrence (02:30 CEST).
 * </ul>
 */
public final class FireCalendar {

  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** A cron that matches nothing after this date never matches (UNIX crons have no year field). */
  private static final ZonedDateTime REFERENCE = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final ZoneId zone;
  private final ExecutionTime execution;

  private FireCalendar(ZoneId zone, ExecutionTime execution) {
    this.zone = zone;
    this.execution = execution;
  }

  /** @throws IllegalArgumentException saying what is wrong with the cron or the zone and how to write it */
  public static FireCalendar of(String cron, String timezone) {
    List<String> problems = problems(cron, timezone);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new FireCalendar(ZoneId.of(timezone), ExecutionTime.forCron(UNIX.parse(cron)));
  }

  /** Everything wrong with a cron and a time zone, each with how to fix it; empty when both are usable. */
  public static List<String> problems(String cron, String timezone) {
    List<String> problems = new ArrayList<>();
    cronProblem(cron).ifPresent(problems::add);
    zoneProblem(timezone).ifPresent(problems::add);
    return problems;
  }

  /** What is wrong with a cron, with how to write it; empty when it is usable. */
  public static Optional<String> cronProblem(String cron) {
    if (cron == null || cron.isBlank()) {
      return Optional.of("no cron: write 5 fields, minute hour day-of-month month day-of-week, e.g. \"0 3 1 * *\" for 03:00 on the 1st");
    }
    try {
      if (ExecutionTime.forCron(UNIX.parse(cron).validate()).nextExecution(REFERENCE).isEmpty()) {
        return Optional.of("cron '" + cron + "' never fires (no such date): check day-of-month against month");
      }
    } catch (IllegalArgumentException e) {
      return Optional.of("bad cron '" + cron + "' (" + e.getMessage() + "): write 5 fields, minute hour day-of-month"
          + " month day-of-week, e.g. \"0 3 1 * *\" for 03:00 on the 1st");
    }
    return Optional.empty();
  }

  /** What is wrong with a time zone name, with how to write it; empty when it is usable. */
  public static Optional<String> zoneProblem(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      return Optional.of("no time zone: write an IANA zone name such as Europe/Paris");
    }
    try {
      ZoneId.of(timezone);
      return Optional.empty();
    } catch (DateTimeException e) {
      return Optional.of("unknown time zone '" + timezone + "': write an IANA zone name such as Europe/Paris");
    }
  }

  /** The first fire strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    ZonedDateTime cursor = wallClock(after);
    while (true) {
      // Present for every cron that passed problems(): a cron that matches once matches every year.
      cursor = execution.nextExecution(cursor).orElseThrow();
      Instant fire = place(cursor.toLocalDateTime());
      if (fire.isAfter(after)) {
        return fire;
      }
      // A local time of the repeated hour or of a gap whose instant has passed: it already fired.
    }
  }

  /** The last fire at or before {@code at}. */
  public Instant lastAtOrBefore(Instant at) {
    ZonedDateTime cursor = wallClock(at).plusNanos(1);
    while (true) {
      cursor = execution.lastExecution(cursor).orElseThrow();
      Instant fire = place(cursor.toLocalDateTime());
      if (!fire.isAfter(at)) {
        return fire;
      }
    }
  }

  /** The gap between the two consecutive fires around {@code now}: the last at or before it, the next after it. */
  public Duration intervalAround(Instant now) {
    return Duration.between(lastAtOrBefore(now), nextAfter(now));
  }

  /** The zone's local time at {@code instant}, as a UTC date-time for cron-utils. */
  private ZonedDateTime wallClock(Instant instant) {
    return LocalDateTime.ofInstant(instant, zone).atZone(ZoneOffset.UTC);
  }

  /** The instant a matching local time fires: the class comment's rule for gaps and overlaps. */
  private Instant place(LocalDateTime local) {
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
  }
}
