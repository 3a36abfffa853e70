package io.drillbook.cli;

import io.drillbook.evidence.ScheduleSummary;
import io.drillbook.schedule.FireOutcome;
import io.drillbook.schedule.FireReason;
import io.drillbook.schedule.FireRecord;
import io.drillbook.schedule.ScheduleState;
import io.drillbook.service.ScheduleView;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Schedules as people read them in a terminal. Fire times show in the schedule's own zone, where the cron is
 * read (a 03:00 Europe/Paris restore test reads 03:00 CET in winter and 03:00 CEST in summer), and in UTC, the
 * time of the evidence and of the logs.
 */
final class ScheduleText {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  /** Shown for a schedule its Temporal no longer knows: evidence only, nothing fires. */
  static final String GONE = "NOT-ON-TEMPORAL";

  private ScheduleText() {}

  static String local(Long millis, String zone) {
    return millis == null ? "-" : LOCAL.format(Instant.ofEpochMilli(millis).atZone(ZoneId.of(zone)));
  }

  static String utc(Long millis) {
    return millis == null ? "-" : UTC.format(Instant.ofEpochMilli(millis));
  }

  /** The next fire in the schedule's zone and in UTC, or why there is none. */
  static String nextFire(ScheduleState s) {
    if (s == null) {
      return "none: the schedule is not on this Temporal service";
    }
    if (s.deleted()) {
      return "none: deleted";
    }
    if (s.paused()) {
      return "none while paused (" + s.pausedReason() + ")";
    }
    if (s.nextFireAtMillis() == null) {
      return "none";
    }
    return local(s.nextFireAtMillis(), s.timezone()) + " (" + utc(s.nextFireAtMillis()) + ")"
        + (s.nextFireReason() == FireReason.RETEST ? ", a retest" : "");
  }

  /** What needs attention, most urgent first: gone from Temporal, OVERDUE, PAUSED, a drill running or queued. */
  static List<String> flags(ScheduleView v) {
    List<String> flags = new ArrayList<>();
    ScheduleState s = v.live();
    if (s == null) {
      flags.add(GONE);
      return flags;
    }
    if (s.overdue()) {
      flags.add("OVERDUE");
    }
    if (s.paused()) {
      flags.add("PAUSED");
    }
    if (s.runningDrillId() != null) {
      flags.add("RUNNING " + s.runningDrillId());
    }
    if (s.queued()) {
      flags.add("QUEUED");
    }
    return flags;
  }

  /** {@code schedule show}: everything the schedule knows, then its last fires. */
  static void details(PrintWriter out, ScheduleView v) {
    ScheduleSummary r = v.recorded();
    ScheduleState s = v.live();
    out.println("schedule " + r.scheduleId() + "  plan " + r.planName() + " (" + r.planType() + ")  tenant " + r.tenant());
    out.println("  plan file     " + r.planFile() + ", sha256 " + shortSha(r.planSha256()));
    out.println("  created       " + utc(r.createdAt().toEpochMilli()) + " by " + r.createdBy());
    if (r.deleted()) {
      out.println("  deleted       " + utc(r.deletedAt().toEpochMilli()) + " by " + r.deletedBy());
    }
    if (s == null) {
      out.println("  state         " + GONE + ": this Temporal service does not know the schedule; its evidence remains"
          + " (`drillbook evidence show " + r.scheduleId() + "`)");
      return;
    }
    out.println("  cron          '" + s.cron() + "' in " + s.timezone() + ", overlap " + s.overlap());
    out.println("  state         " + (s.deleted() ? "DELETED" : s.paused() ? "PAUSED: " + s.pausedReason() : "ACTIVE"));
    out.println("  next fire     " + nextFire(s));
    out.println("  last drill    " + (s.lastDrillId() == null ? "none ended yet"
        : s.lastDrillId() + " " + (s.lastVerdict() == null ? "(outcome unknown)" : s.lastVerdict())
            + ", fired " + utc(s.lastFiredAtMillis())));
    out.println("  last pass     " + (s.lastPassedAtMillis() == null ? "never" : utc(s.lastPassedAtMillis())));
    out.println("  overdue       " + (s.overdue() ? "OVERDUE since " : "no; overdue from ") + utc(s.overdueAtMillis())
        + " unless a drill passes (cron interval + grace, docs/schedules.md)");
    if (s.retestDueByMillis() != null) {
      out.println("  retest due by " + utc(s.retestDueByMillis()));
    }
    if (s.runningDrillId() != null) {
      out.println("  running       " + s.runningDrillId() + (s.queued() ? ", a fire queued behind it" : ""));
    }
    out.println("  fires         " + s.fires() + " drills started, " + s.skipped() + " fires skipped");
    if (s.recent().isEmpty()) {
      return;
    }
    out.println();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("DUE (UTC)", "HANDLED (UTC)", "REASON", "BY", "OUTCOME", "DRILL", "VERDICT", "NOTE"));
    for (FireRecord f : s.recent()) {
      rows.add(List.of(utc(f.dueAtMillis()), utc(f.atMillis()), f.reason().name(), f.requestedBy(), f.outcome().name(),
          f.drillId() == null ? "-" : f.drillId(),
          f.verdict() != null ? f.verdict().name()
              : f.outcome() == FireOutcome.STARTED && f.endedAtMillis() == null ? "(running)" : "-",
          f.note() == null ? "" : f.note()));
    }
    TextTable.print(out, "  ", rows);
  }

  private static String shortSha(String sha) {
    return sha == null ? "-" : sha.substring(0, Math.min(12, sha.length()));
  }
}
