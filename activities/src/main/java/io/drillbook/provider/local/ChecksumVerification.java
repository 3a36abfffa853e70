package io.drillbook.provider.local;

import java.util.List;
import java.util.Map;

/**
 * {@code checksums: true}: each table's hash of its rows in the restored database against the hash taken at
 * snapshot time. Tables too large to hash at snapshot time were not hashed then; they are hashed in the
 * restore (recorded) but cannot be compared, which the step reports as an observation.
 */
final class ChecksumVerification {

  private ChecksumVerification() {}

  record Outcome(List<String> mismatches, List<String> notComparable) {}

  static Outcome compare(Map<String, Object> source, Map<String, String> restored) {
    List<String> mismatches = restored.entrySet().stream()
        .filter(e -> source.containsKey(e.getKey()) && !e.getValue().equals(source.get(e.getKey())))
        .map(e -> e.getKey() + ": rows differ from the snapshot (hash " + abbreviated(e.getValue()) + " instead of "
            + abbreviated(String.valueOf(source.get(e.getKey()))) + ")")
        .toList();
    List<String> notComparable = restored.keySet().stream().filter(t -> !source.containsKey(t)).toList();
    return new Outcome(mismatches, notComparable);
  }

  private static String abbreviated(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }
}
