package io.drillbook.evidence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Data minimisation (GDPR, DOMAIN.md): evidence and verify results hold identifiers, counts, checksums and
 * timings, never health or personal data. This guard finds values that look like personal data so callers
 * can refuse them. It errs on the side of refusing: a false positive costs a reworded query, a false
 * negative leaks a patient's identity into an audit bundle.
 */
public final class PersonalDataGuard {

  private PersonalDataGuard() {}

  private record Kind(String name, Pattern pattern) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("e-mail address", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}")),
      // Digit runs inside hex checksums are not matched: the boundaries exclude letters.
      // NIR / INS: sex digit, birth year and month, department (2A/2B for Corsica), commune, order, optional 2-digit key.
      new Kind("French NIR/INS number",
          Pattern.compile("(?<![0-9A-Za-z])[12478]\\s?\\d{2}\\s?(0[1-9]|1[0-2]|[2-9]\\d)\\s?(\\d{2}|2[AaBb])\\s?\\d{3}\\s?\\d{3}(\\s?\\d{2})?(?![0-9A-Za-z])")),
      new Kind("phone number",
          Pattern.compile("(?<![0-9A-Za-z])(\\+33\\s?|0)[1-9]([\\s.-]?\\d{2}){4}(?![0-9A-Za-z])")));

  /**
   * The kind of personal data {@code value} looks like, searching nested maps and lists; empty if none.
   * Numbers are not searched: in evidence they are counts, sizes, durations and epoch times, and a
   * 13-digit epoch millisecond reads like a NIR. Query results, where a number could be an identifier,
   * reach the guard as text ({@code ResultSet.getString}) and are searched.
   */
  public static Optional<String> find(Object value) {
    if (value == null || value instanceof Number) {
      return Optional.empty();
    }
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Optional<String> k = find(e.getKey()).or(() -> find(e.getValue()));
        if (k.isPresent()) {
          return k;
        }
      }
      return Optional.empty();
    }
    if (value instanceof Iterable<?> it) {
      for (Object o : it) {
        Optional<String> k = find(o);
        if (k.isPresent()) {
          return k;
        }
      }
      return Optional.empty();
    }
    return findIn(value.toString());
  }

  private static Optional<String> findIn(String s) {
    for (Kind k : KINDS) {
      if (k.pattern().matcher(s).find()) {
        return Optional.of(k.name());
      }
    }
    return Optional.empty();
  }
}
