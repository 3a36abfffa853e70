package io.drillbook.bench;

import java.util.Arrays;

/** Summary figures of repeated measurements: benchmarks print medians, with min and max for the spread. */
final class Stats {
  private Stats() {}

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
