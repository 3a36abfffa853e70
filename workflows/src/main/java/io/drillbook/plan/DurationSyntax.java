package io.drillbook.plan;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's duration syntax: a whole number and one unit ({@code 100ms}, {@code 90s}, {@code 15m},
 * {@code 4h}, {@code 2d}). One unit only, so a value reads the same to everyone; {@code 1h30m} is written
 * {@code 90m}.
 */
public final class DurationSyntax {

  /** How to write a duration; appended to every message that rejects one. */
  public static final String HINT = "write a whole number and one unit: 100ms, 90s, 15m, 4h or 2d";

  /** The same syntax as a regular expression, for the JSON Schema and editors. */
  public static final String PATTERN = "^[0-9]{1,9}(ms|s|m|h|d)$";

  private static final Pattern SYNTAX = Pattern.compile(PATTERN);
  private static final Map<String, ChronoUnit> UNITS = Map.of(
      "ms", ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d", ChronoUnit.DAYS);

  private DurationSyntax() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(Duration.of(Long.parseLong(text.trim().substring(0, m.start(1))), UNITS.get(m.group(1))));
  }

  /** An exact spelling for messages, hours first, e.g. {@code 1h30m} or {@code 72h} (not always plan syntax). */
  public static String describe(Duration d) {
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
