package io.drillbook.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The step graph of a valid plan in topological levels: a step's level is one more than the highest level
 * of the steps it needs, so the steps of one level may run in parallel. Cleanup entries form their own
 * graph, run after the steps (or after an abort). Rendered for `drillbook plan graph` as text, Mermaid or
 * Graphviz DOT.
 */
public final class PlanGraph {

  private final Plan plan;
  private final List<List<Step>> levels;
  private final List<List<Step>> cleanupLevels;

  private PlanGraph(Plan plan) {
    this.plan = plan;
    this.levels = levelsOf(plan.steps());
    this.cleanupLevels = levelsOf(plan.cleanup());
  }

  /**
   * The graph of a valid plan.
   *
   * @throws IllegalArgumentException when the steps form a cycle (the validator reports it first)
   */
  public static PlanGraph of(Plan plan) {
    return new PlanGraph(plan);
  }

  /** The steps by level, first level first, each level in file order. */
  public List<List<Step>> levels() {
    return levels;
  }

  public List<List<Step>> cleanupLevels() {
    return cleanupLevels;
  }

  public String render(GraphFormat format) {
    return switch (format) {
      case TEXT -> toText();
      case MERMAID -> toMermaid();
      case DOT -> toDot();
    };
  }

  /** Levels with each step's action, resource or Accountable, {@code needs} and {@code from}. */
  public String toText() {
    StringBuilder out = new StringBuilder(plan.metadata().name()).append(": ").append(levels.size())
        .append(levels.size() == 1 ? " level" : " levels").append(" (steps of one level may run in parallel)\n");
    appendLevels(out, levels);
    if (!cleanupLevels.isEmpty()) {
      out.append("cleanup (after the steps, and after an abort)\n");
      appendLevels(out, cleanupLevels);
    }
    return out.toString();
  }

  /** A Mermaid {@code flowchart}: needs as arrows, cleanup in a subgraph fed by dotted {@code from} arrows. */
  public String toMermaid() {
    Function<Step, String> node = s -> "  " + mermaidId(s.id())
        + (s.action().isHumanGate() ? "{{\"" : "[\"") + mermaidText(s.id()) + "<br/>" + mermaidText(describe(s))
        + (s.action().isHumanGate() ? "\"}}" : "\"]");
    StringBuilder out = new StringBuilder("flowchart TD\n");
    plan.steps().forEach(s -> out.append(node.apply(s)).append('\n'));
    if (!plan.cleanup().isEmpty()) {
      out.append("  subgraph cleanup [\"cleanup\"]\n");
      plan.cleanup().forEach(s -> out.append("  ").append(node.apply(s)).append('\n'));
      out.append("  end\n");
    }
    forEachEdge((from, to) -> out.append("  ").append(mermaidId(from)).append(" --> ").append(mermaidId(to)).append('\n'),
        (from, to) -> out.append("  ").append(mermaidId(from)).append(" -.->|from| ").append(mermaidId(to)).append('\n'));
    return out.toString();
  }

  /** A Graphviz digraph: the same picture as {@link #toMermaid()}, cleanup in a dashed cluster. */
  public String toDot() {
    Function<Step, String> node = s -> "  " + dotText(s.id()) + " [label=" + dotText(s.id() + "\n" + describe(s))
        + (s.action().isHumanGate() ? ", shape=hexagon" : "") + "];";
    StringBuilder out = new StringBuilder("digraph ").append(dotText(plan.metadata().name())).append(" {\n")
        .append("  rankdir=TB;\n  node [shape=box];\n");
    plan.steps().forEach(s -> out.append(node.apply(s)).append('\n'));
    if (!plan.cleanup().isEmpty()) {
      out.append("  subgraph cluster_cleanup {\n    label=\"cleanup\";\n    style=dashed;\n");
      plan.cleanup().forEach(s -> out.append("  ").append(node.apply(s)).append('\n'));
      out.append("  }\n");
    }
    forEachEdge((from, to) -> out.append("  ").append(dotText(from)).append(" -> ").append(dotText(to)).append(";\n"),
        (from, to) -> out.append("  ").append(dotText(from)).append(" -> ").append(dotText(to))
            .append(" [style=dashed, label=\"from\"];\n"));
    return out.append("}\n").toString();
  }

  /** Every {@code needs} edge (need → step), then the {@code from} edges into cleanup entries. */
  private void forEachEdge(BiConsumer<String, String> needs, BiConsumer<String, String> cleanupFrom) {
    for (List<Step> list : List.of(plan.steps(), plan.cleanup())) {
      list.forEach(s -> s.needs().forEach(n -> needs.accept(n, s.id())));
    }
    plan.cleanup().stream().filter(s -> s.from() != null).forEach(s -> cleanupFrom.accept(s.from(), s.id()));
  }

  private void appendLevels(StringBuilder out, List<List<Step>> levels) {
    List<Step> all = new ArrayList<>(plan.steps());
    all.addAll(plan.cleanup());
    int idWidth = all.stream().mapToInt(s -> s.id().length()).max().orElse(0);
    int describeWidth = all.stream().mapToInt(s -> describe(s).length()).max().orElse(0);
    for (int i = 0; i < levels.size(); i++) {
      out.append("  level ").append(i + 1).append('\n');
      for (Step s : levels.get(i)) {
        StringBuilder line = new StringBuilder("    ").append(padded(s.id(), idWidth)).append("  ")
            .append(padded(describe(s), describeWidth));
        if (!s.needs().isEmpty()) {
          line.append("  needs ").append(String.join(", ", s.needs()));
        }
        if (s.from() != null) {
          line.append("  from ").append(s.from());
        }
        out.append(line.toString().stripTrailing()).append('\n');
      }
    }
  }

  private static String padded(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  /** {@code restore ehr-db}, {@code approval by dsi-client}, {@code wait 15m}. */
  private static String describe(Step s) {
    String action = s.action().yamlName();
    if (s.resource() != null) {
      return action + " " + s.resource();
    }
    if (s.action().isHumanGate()) {
      return action + " by " + s.raci().accountable();
    }
    Object duration = s.with().get("duration");
    return duration == null ? action : action + " " + duration;
  }

  private static List<List<Step>> levelsOf(List<Step> steps) {
    Map<String, Step> byId = steps.stream().collect(Collectors.toMap(Step::id, s -> s));
    Map<String, Integer> level = new HashMap<>();
    List<List<Step>> levels = new ArrayList<>();
    for (Step s : steps) {
      int l = levelOf(s, byId, level, new ArrayList<>());
      while (levels.size() <= l) {
        levels.add(new ArrayList<>());
      }
      levels.get(l).add(s);
    }
    return levels.stream().map(List::copyOf).toList();
  }

  private static int levelOf(Step s, Map<String, Step> byId, Map<String, Integer> level, List<String> trail) {
    Integer known = level.get(s.id());
    if (known != null) {
      return known;
    }
    if (trail.contains(s.id())) {
      throw new IllegalArgumentException("steps form a cycle through " + s.id() + ": validate the plan first");
    }
    trail.add(s.id());
    int l = s.needs().stream().mapToInt(n -> levelOf(byId.get(n), byId, level, trail) + 1).max().orElse(0);
    trail.remove(trail.size() - 1);
    level.put(s.id(), l);
    return l;
  }

  private static String mermaidId(String stepId) {
    return "s_" + stepId.replace('-', '_');
  }

  private static String mermaidText(String text) {
    return text.replace("\"", "#quot;");
  }

  private static String dotText(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
