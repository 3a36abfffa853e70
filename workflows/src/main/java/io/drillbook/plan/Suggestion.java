package io.drillbook.plan;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean …?" for a misspelt key, action, step id or name: the closest known word, if close enough. */
final class Suggestion {

  private Suggestion() {}

  /** {@code " (did you mean 'needs'?)"}, or empty when nothing known is within a typo's reach. */
  static String didYouMean(String wrong, Collection<String> known) {
    String w = wrong.toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= Math.max(1, k.length() / 3))
        .min(Comparator.comparingInt(k -> distance(w, k.toLowerCase(Locale.ROOT))))
        .map(k -> " (did you mean '" + k + "'?)")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitution, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
