package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.plan.Raci;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A drill's events for {@code drillbook evidence show}: an aligned text table for people, or a JSON array for
 * {@code --json} whose elements are exactly the hashed form (plus {@code hash}), one per line, so the output
 * can be checked with jq and sha256sum as docs/evidence.md shows.
 */
public final class EvidenceTimeline {

  private static final List<String> HEADER = List.of("TIME (UTC)", "SEQ", "TYPE", "STEP", "RACI", "ACTOR", "DETAILS");
  private static final int MAX_DETAILS = 100;

  private EvidenceTimeline() {}

  public static String render(List<EvidenceEvent> events) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (EvidenceEvent e : events) {
      rows.add(List.of(e.isoTime(), Long.toString(e.seq()), e.type(), orDash(e.stepId()), spelledOut(e.raci()),
          orDash(e.actor()), details(e)));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < widths.length - 1; i++) {
        out.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
      }
      out.append(row.get(widths.length - 1)).append('\n');
    }
    return out.toString();
  }

  /** A JSON array, one canonical event per line. */
  public static String renderJson(List<EvidenceEvent> events) {
    List<String> lines = new ArrayList<>(events.size());
    for (EvidenceEvent e : events) {
      lines.add(CanonicalJson.write(e.toJson()));
    }
    return lines.isEmpty() ? "[]\n" : "[\n" + String.join(",\n", lines) + "\n]\n";
  }

  /** The four RACI words spelled out (French documents swap R and A; letters alone mislead). */
  public static String spelledOut(Raci raci) {
    if (raci == null) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    if (!raci.responsible().isEmpty()) {
      parts.add("Responsible " + String.join(", ", raci.responsible()));
    }
    if (raci.accountable() != null) {
      parts.add("Accountable " + raci.accountable());
    }
    if (!raci.consulted().isEmpty()) {
      parts.add("Consulted " + String.join(", ", raci.consulted()));
    }
    if (!raci.informed().isEmpty()) {
      parts.add("Informed " + String.join(", ", raci.informed()));
    }
    return String.join("; ", parts);
  }

  /** Top-level payload entries as key=value, nested values as compact JSON, cut to one screen line. */
  private static String details(EvidenceEvent e) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : e.payload().properties()) {
      JsonNode value = field.getValue();
      parts.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : CanonicalJson.write(value)));
    }
    String details = parts.isEmpty() ? "-" : String.join(", ", parts);
    if (details.length() > MAX_DETAILS) {
      details = details.substring(0, MAX_DETAILS - 1) + "…";
    }
    return e.withheld().isEmpty() ? details : details + " (withheld: " + String.join(", ", e.withheld()) + ")";
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
