package io.drillbook.plan;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A plan file as read: the {@link Plan} (built even around schema errors, so the other rules can still run
 * and everything is reported at once), where each node is, the raw YAML tree (for rules that must see what
 * the model drops, such as literal secrets), and the schema errors found while reading.
 *
 * @param plan null when the file is not readable as a plan at all (YAML syntax, not a mapping)
 */
public record ParsedPlan(String file, Plan plan, SourceMap sources, Node tree, List<PlanError> errors) {

  public ParsedPlan {
    errors = List.copyOf(errors);
  }

  static ParsedPlan unreadable(String file, List<PlanError> errors) {
    return new ParsedPlan(file, null, null, null, errors);
  }

  public boolean readable() {
    return plan != null;
  }

  /** The steps, then the cleanup entries, each with its path in the file ({@code steps[0]}, {@code cleanup[1]}). */
  List<PlacedStep> placedSteps() {
    List<PlacedStep> all = new ArrayList<>();
    for (int i = 0; i < plan.steps().size(); i++) {
      all.add(new PlacedStep(plan.steps().get(i), SourceMap.item("steps", i), false));
    }
    for (int i = 0; i < plan.cleanup().size(); i++) {
      all.add(new PlacedStep(plan.cleanup().get(i), SourceMap.item("cleanup", i), true));
    }
    return all;
  }

  /** A step with where it is; {@code cleanup} for entries of the plan's {@code cleanup} list. */
  record PlacedStep(Step step, String path, boolean cleanup) {

    String field(String key) {
      return SourceMap.child(path, key);
    }

    /** How messages name the step: its id, or its place when it has none. */
    String label() {
      return step.id() != null ? (cleanup ? "cleanup entry '" : "step '") + step.id() + "'" : "`" + path + "`";
    }
  }
}
