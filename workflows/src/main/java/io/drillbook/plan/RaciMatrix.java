package io.drillbook.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The plan's RACI matrix: one row per step (cleanup entries included, marked), one column per party. A
 * name that is a party member counts in its party's column and is shown in the cell, e.g.
 * {@code Responsible (msp-dba)}. The four roles are always spelt out: French and English documents swap
 * the letters R and A, the words are unambiguous.
 */
public final class RaciMatrix {

  public static final String LEGEND = "Responsible: does the work. Accountable: answers for it and signs it off "
      + "(exactly one per step). Consulted: asked before. Informed: told after.";

  private static final String CLEANUP_MARK = " (cleanup)";

  /** A party column: its key in the plan and its display name. */
  public record Column(String party, String name) {

    public String header() {
      return party.equals(name) ? party : party + " (" + name + ")";
    }
  }

  /** A step row: one cell per column, empty where the party has no role. */
  public record Row(String stepId, Action action, boolean cleanup, List<String> cells) {

    public String label() {
      return cleanup ? stepId + CLEANUP_MARK : stepId;
    }
  }

  private final List<Column> columns;
  private final List<Row> rows;

  private RaciMatrix(List<Column> columns, List<Row> rows) {
    this.columns = columns;
    this.rows = rows;
  }

  /** The matrix of a valid plan. */
  public static RaciMatrix of(Plan plan) {
    PartyDirectory directory = PartyDirectory.of(plan);
    List<Column> columns = plan.parties().entrySet().stream()
        .map(e -> new Column(e.getKey(), e.getValue().name())).toList();
    List<Row> rows = new ArrayList<>();
    plan.steps().forEach(s -> rows.add(row(s, false, columns, directory)));
    plan.cleanup().forEach(s -> rows.add(row(s, true, columns, directory)));
    return new RaciMatrix(columns, List.copyOf(rows));
  }

  public List<Column> columns() {
    return columns;
  }

  public List<Row> rows() {
    return rows;
  }

  public String render(RaciFormat format) {
    return switch (format) {
      case TABLE -> toTable();
      case MARKDOWN -> toMarkdown();
      case CSV -> toCsv();
    };
  }

  /** Aligned plain text for a terminal, with the legend under it. */
  public String toTable() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header());
    rows.forEach(r -> lines.add(line(r)));
    int[] widths = new int[lines.get(0).size()];
    lines.forEach(l -> {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], l.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < lines.size(); n++) {
      out.append(aligned(lines.get(n), widths)).append('\n');
      if (n == 0) {
        out.append(aligned(Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths)).append('\n');
      }
    }
    return out.append('\n').append(LEGEND).append('\n').toString();
  }

  /** A GitHub-flavoured Markdown table, with the legend under it. */
  public String toMarkdown() {
    Function<List<String>, String> line = cells -> cells.stream()
        .map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
    StringBuilder out = new StringBuilder(line.apply(header())).append('\n');
    out.append(line.apply(Collections.nCopies(header().size(), "---"))).append('\n');
    rows.forEach(r -> out.append(line.apply(line(r))).append('\n'));
    return out.append('\n').append(LEGEND).append('\n').toString();
  }

  /**
   * RFC 4180 CSV (CRLF line ends, quoted where needed), for a spreadsheet: data only, no legend line, so
   * that it imports as one clean table.
   */
  public String toCsv() {
    StringBuilder out = new StringBuilder(csvLine(header()));
    rows.forEach(r -> out.append(csvLine(line(r))));
    return out.toString();
  }

  private List<String> header() {
    List<String> h = new ArrayList<>(List.of("Step", "Action"));
    columns.forEach(c -> h.add(c.header()));
    return h;
  }

  private static List<String> line(Row r) {
    List<String> l = new ArrayList<>(List.of(r.label(), r.action().yamlName()));
    l.addAll(r.cells());
    return l;
  }

  private static Row row(Step step, boolean cleanup, List<Column> columns, PartyDirectory directory) {
    Raci raci = step.raci();
    List<String> cells = columns.stream().map(c -> Stream.of(
            role("Responsible", raci.responsible(), c.party(), directory),
            role("Accountable", List.of(raci.accountable()), c.party(), directory),
            role("Consulted", raci.consulted(), c.party(), directory),
            role("Informed", raci.informed(), c.party(), directory))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining("; "))).toList();
    return new Row(step.id(), step.action(), cleanup, cells);
  }

  /** {@code Responsible} when the party itself is named, {@code Responsible (msp-dba)} when members are. */
  private static String role(String role, List<String> names, String party, PartyDirectory directory) {
    List<String> here = names.stream().filter(n -> directory.partyOf(n).filter(party::equals).isPresent()).toList();
    if (here.isEmpty()) {
      return "";
    }
    return here.equals(List.of(party)) ? role : role + " (" + String.join(", ", here) + ")";
  }

  private static String aligned(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i == 0 ? "" : "  ").append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    return b.toString().stripTrailing();
  }

  private static String csvLine(List<String> cells) {
    return cells.stream()
        .map(c -> c.matches("(?s).*[\",\r\n].*") ? "\"" + c.replace("\"", "\"\"") + "\"" : c)
        .collect(Collectors.joining(",", "", "\r\n"));
  }
}
