package io.drillbook.cli;

import java.time.Duration;

/** Durations as people read them in a terminal: 0:04:12 for elapsed times, 4h / 15m / 90s for targets. */
final class DurationFormat {
  private DurationFormat() {}

  static String clock(long millis) {
    long s = Math.max(0, millis) / 1000;
    return String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  static String precise(long millis) {
    if (millis < 10_000) {
      return String.format("%.2fs", millis / 1000.0);
    }
    return clock(millis);
  }

  static String target(Duration d) {
    if (d == null) {
      return "none";
    }
    long s = d.toSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return d.toMillis() % 1000 == 0 ? s + "s" : d.toMillis() + "ms";
  }
}
