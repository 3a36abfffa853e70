package io.drillbook.evidence.report;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Numbers, sizes, durations and times as a reader of the report's language writes them. Every time is UTC, as in
 * the evidence, and says so: a report read in another time zone or years later must not be ambiguous.
 */
final class Formats {

  private final ReportLanguage lang;
  private final DateTimeFormatter dateTime;
  private final DateTimeFormatter longDateTime;
  private final DateTimeFormatter longDate;

  Formats(ReportLanguage lang) {
    this.lang = lang;
    boolean fr = lang == ReportLanguage.FR;
    dateTime = DateTimeFormatter.ofPattern(fr ? "dd/MM/uuuu HH:mm:ss" : "uuuu-MM-dd HH:mm:ss", lang.locale())
        .withZone(ZoneOffset.UTC);
    longDateTime = DateTimeFormatter.ofPattern(fr ? "d MMMM uuuu 'à' HH:mm:ss" : "d MMMM uuuu 'at' HH:mm:ss",
        lang.locale()).withZone(ZoneOffset.UTC);
    longDate = DateTimeFormatter.ofPattern("d MMMM uuuu", lang.locale());
  }

  String dateTime(Instant t) {
    return t == null ? "—" : dateTime.format(t) + " UTC";
  }

  String longDateTime(Instant t) {
    return longDateTime.format(t) + " UTC";
  }

  String date(LocalDate d) {
    return longDate.format(d);
  }

  /** The time of day alone when {@code t} falls on the same UTC day as {@code day}, the full time otherwise. */
  String timeOn(Instant t, Instant day) {
    if (t == null) {
      return "—";
    }
    boolean sameDay = t.atZone(ZoneOffset.UTC).toLocalDate().equals(day.atZone(ZoneOffset.UTC).toLocalDate());
    return sameDay ? DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(t) : dateTime(t);
  }

  String integer(long n) {
    return NumberFormat.getIntegerInstance(lang.locale()).format(n);
  }

  String decimal(double d) {
    NumberFormat f = NumberFormat.getNumberInstance(lang.locale());
    f.setMaximumFractionDigits(3);
    return f.format(d);
  }

  /** Decimal units (1 Go = 10^9 octets), one decimal above a kilobyte. */
  String bytes(long n) {
    String[] units = lang == ReportLanguage.FR
        ? new String[] {"o", "ko", "Mo", "Go", "To", "Po"}
        : new String[] {"B", "kB", "MB", "GB", "TB", "PB"};
    double v = n;
    int unit = 0;
    while (Math.abs(v) >= 1000 && unit < units.length - 1) {
      v /= 1000;
      unit++;
    }
    if (unit == 0) {
      return integer(n) + " " + units[0];
    }
    NumberFormat f = NumberFormat.getNumberInstance(lang.locale());
    f.setMinimumFractionDigits(1);
    f.setMaximumFractionDigits(1);
    return f.format(v) + " " + units[unit];
  }

  /** 350 ms, 12.4 s, 4 min 12 s, 2 h 05 min, 1 j 3 h (French) / 1 d 3 h (English). */
  String duration(long millis) {
    if (millis < 0) {
      return "−" + duration(-millis);
    }
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      NumberFormat f = NumberFormat.getNumberInstance(lang.locale());
      f.setMaximumFractionDigits(1);
      return f.format(millis / 1000.0) + " s";
    }
    long seconds = millis / 1000;
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    long secs = seconds % 60;
    if (days > 0) {
      return days + (lang == ReportLanguage.FR ? " j" : " d") + (hours > 0 ? " " + hours + " h" : "");
    }
    if (hours > 0) {
      return hours + " h" + (minutes > 0 || secs > 0 ? String.format(" %02d min", minutes) : "")
          + (secs > 0 ? String.format(" %02d s", secs) : "");
    }
    return minutes + " min" + (secs > 0 ? String.format(" %02d s", secs) : "");
  }

  /** A duration to two units at most, for axis labels: 42 s, 23 min, 1 h 05, 2 j 3 h. */
  String roughDuration(long millis) {
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return Math.round(seconds / 60.0) + " min";
    }
    if (seconds < 86_400) {
      long minutes = Math.round(seconds / 60.0);
      return minutes / 60 + " h " + String.format("%02d", minutes % 60);
    }
    return duration(seconds * 1000);
  }

  String duration(Long millis) {
    return millis == null ? "—" : duration(millis.longValue());
  }
}
