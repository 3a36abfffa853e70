package io.drillbook.plan;

import io.drillbook.plan.ParsedPlan.PlacedStep;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rule 3: step ids are unique; {@code needs} names existing steps of the same list (steps need steps,
 * cleanup entries need cleanup entries); the {@code needs} edges have no cycle; and a step's {@code from}
 * is one it depends on through {@code needs}, so its output exists when the step starts. A cleanup entry
 * may take {@code from} any step, since cleanup runs after them.
 */
final class GraphRule implements RuleCheck {

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    SourceMap src = parsed.sources();
    Map<String, PlacedStep> byId = new LinkedHashMap<>();
    for (PlacedStep p : parsed.placedSteps()) {
      String id = p.step().id();
      if (id == null) {
        continue;
      }
      PlacedStep first = byId.putIfAbsent(id, p);
      if (first != null) {
        findings.error(src.at(p.field("id")), ValidationRule.GRAPH, "duplicate step id '" + id + "' (first at line "
            + src.at(first.field("id")).line() + "): rename one; ids are unique across steps and cleanup");
      }
    }
    Map<String, List<String>> needs = new LinkedHashMap<>();
    for (PlacedStep p : byId.values()) {
      needs.put(p.step().id(), knownNeeds(p, byId, src, findings));
    }
    reportCycles(needs, byId, src, findings);
    for (PlacedStep p : byId.values()) {
      // A step with a misspelt need already has an error; its from would only repeat it.
      if (needs.get(p.step().id()).size() == p.step().needs().size()) {
        checkFrom(p, byId, needs, src, findings);
      }
    }
  }

  /** The {@code needs} of a step that name a step of its own list; the others are reported. */
  private static List<String> knownNeeds(PlacedStep p, Map<String, PlacedStep> byId, SourceMap src, Findings findings) {
    List<String> known = new ArrayList<>();
    List<String> needs = p.step().needs();
    for (int i = 0; i < needs.size(); i++) {
      String need = needs.get(i);
      PlacedStep target = byId.get(need);
      SourcePosition at = src.at(SourceMap.item(p.field("needs"), i));
      if (target == null) {
        findings.error(at, ValidationRule.GRAPH, p.label() + " needs unknown step '" + need + "'"
            + Suggestion.didYouMean(need, byId.keySet()) + ": name a step id declared in this plan");
      } else if (target.cleanup() != p.cleanup()) {
        findings.error(at, ValidationRule.GRAPH, p.cleanup()
            ? p.label() + " needs step '" + need + "', but cleanup runs after all steps (or after an abort): in cleanup, "
                + "needs names other cleanup entries; use from: " + need + " to act on that step's output"
            : p.label() + " needs cleanup entry '" + need + "', which runs only after all steps: depend on a step instead");
      } else {
        known.add(need);
      }
    }
    return known;
  }

  /** Each cycle once, as the path of ids that closes it, at the {@code needs} entry that closes it. */
  private static void reportCycles(Map<String, List<String>> needs, Map<String, PlacedStep> byId, SourceMap src,
      Findings findings) {
    Set<String> done = new HashSet<>();
    Deque<String> trail = new ArrayDeque<>();
    for (String id : needs.keySet()) {
      visit(id, needs, done, trail, byId, src, findings);
    }
  }

  private static void visit(String id, Map<String, List<String>> needs, Set<String> done, Deque<String> trail,
      Map<String, PlacedStep> byId, SourceMap src, Findings findings) {
    if (done.contains(id)) {
      return;
    }
    trail.addLast(id);
    List<String> edges = needs.get(id);
    for (String need : edges) {
      if (trail.contains(need)) {
        List<String> cycle = new ArrayList<>(trail);
        cycle = cycle.subList(cycle.indexOf(need), cycle.size());
        PlacedStep closer = byId.get(id);
        int index = closer.step().needs().indexOf(need);
        findings.error(src.at(SourceMap.item(closer.field("needs"), index)), ValidationRule.GRAPH,
            "steps form a cycle: " + String.join(" → ", cycle) + " → " + need + " (each needs the next); remove one "
                + "of these needs so that the steps can run in some order");
      } else {
        visit(need, needs, done, trail, byId, src, findings);
      }
    }
    trail.removeLast();
    done.add(id);
  }

  private static void checkFrom(PlacedStep p, Map<String, PlacedStep> byId, Map<String, List<String>> needs,
      SourceMap src, Findings findings) {
    String from = p.step().from();
    if (from == null) {
      return;
    }
    SourcePosition at = src.at(p.field("from"));
    PlacedStep source = byId.get(from);
    if (source == null) {
      findings.error(at, ValidationRule.GRAPH, p.label() + " takes from unknown step '" + from + "'"
          + Suggestion.didYouMean(from, byId.keySet()) + ": name the step whose output it uses");
    } else if (from.equals(p.step().id())) {
      findings.error(at, ValidationRule.GRAPH, p.label() + " takes from itself: name the earlier step whose output it uses");
    } else if (!p.cleanup() && source.cleanup()) {
      findings.error(at, ValidationRule.GRAPH, p.label() + " takes from cleanup entry '" + from
          + "', which runs only after all steps: name a step instead");
    } else if (p.cleanup() == source.cleanup() && !dependsOn(p.step().id(), from, needs)) {
      findings.error(at, ValidationRule.GRAPH, p.label() + " takes from: " + from + " but does not depend on it, so it "
          + "could start before " + from + " has an output: add " + from + " to its needs (directly or through another step)");
    }
  }

  /** Whether {@code from} is reachable from {@code id} through {@code needs}. */
  private static boolean dependsOn(String id, String from, Map<String, List<String>> needs) {
    Deque<String> todo = new ArrayDeque<>(needs.get(id));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (next.equals(from)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(needs.get(next));
      }
    }
    return false;
  }
}
