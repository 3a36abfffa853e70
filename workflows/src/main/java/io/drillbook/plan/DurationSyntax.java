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
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(Duration.of(Long.parseLong(text.substring(0, m.start(1))), UNITS.get(m.group(1))));
  }
}
