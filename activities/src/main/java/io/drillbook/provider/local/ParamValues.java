package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code with:} and output values whatever form the plan parser or a JSON round trip gave them:
 * durations as the plan's syntax ({@code 100ms}, {@code 90s}, {@code 15m}, {@code 4h}, {@code 2d}), ISO-8601 or
 * {@link Duration}; numbers as any {@link Number} or numeric string.
 */
public final class ParamValues {

  private static final Pattern PLAN_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private ParamValues() {}

  public static Optional<Duration> duration(Map<String, Object> values, String key, String stepId) {
    Object v = values.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Duration d) {
      return Optional.of(d);
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    Matcher m = PLAN_DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return Optional.of(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    }
    try {
      return Optional.of(Duration.parse(s.toUpperCase(Locale.ROOT)));
    } catch (RuntimeException e) {
      throw new ActionFailure("step " + stepId + ": parameter " + key + " is not a duration (" + v
          + "): write it like 100ms, 90s, 15m, 4h or 2d");
    }
  }

  public static long longValue(Object v) {
    return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
  }

  /** A string value of {@code outputs}, or a failure saying which earlier step should have produced it. */
  public static String required(Map<String, Object> outputs, String key, String stepId, String fromStep) {
    Object v = outputs.get(key);
    if (v == null || v.toString().isBlank()) {
      throw new ActionFailure("step " + stepId + ": the output of step " + fromStep + " has no " + key
          + "; point `from:` at a step of the kind that produces it (see docs/providers/local.md)");
    }
    return v.toString();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object v) {
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object v) {
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  public static boolean bool(Object v) {
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }
}
