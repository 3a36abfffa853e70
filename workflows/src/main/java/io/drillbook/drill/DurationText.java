package io.drillbook.drill;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's duration syntax ({@code 100ms}, {@code 90s}, {@code 15m}, {@code 4h}, {@code 2d}) as the workflow
 * reads it from a step's {@code with} map, and the same syntax for durations it writes into messages. The
 * plan parser has its own copy for the YAML; this one stays package-private so the two never clash.
 */
final class DurationText {

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  /** Parses {@code text}; throws IllegalArgumentException naming the expected syntax when it does not fit. */
  static Duration parse(String text) {
    Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: expected a number and a unit (ms, s, m, h, d), e.g. 90s or 4h");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** An exact spelling in the plan's syntax, hours first, e.g. {@code 1h30m} or {@code 72h}. */
  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis == 0) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    long rest = millis;
    // Hours are the largest unit: timeouts and RTOs are written 72h or 4h, rarely in days.
    long[] sizes = {3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      long q = rest / sizes[i];
      if (q > 0) {
        out.append(q).append(units[i]);
        rest -= q * sizes[i];
      }
    }
    return out.toString();
  }
}
