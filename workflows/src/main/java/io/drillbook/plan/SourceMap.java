package io.drillbook.plan;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where every node of a plan file starts, by path ({@code steps[2].raci.accountable}), so that rules working
 * on the {@link Plan} records can still point at the line and column of what they reject. A path that is
 * absent (a missing key) resolves to its nearest present ancestor: "missing accountable" points at the
 * {@code raci} mapping that lacks it.
 */
public final class SourceMap {

  private final Map<String, SourcePosition> values = new HashMap<>();
  private final Map<String, SourcePosition> keys = new HashMap<>();

  private SourceMap() {}

  /**
   * Indexes a composed YAML tree.
   *
   * @throws PlanSyntaxException on an alias that contains itself: YAML allows it, a plan cannot be one
   */
  static SourceMap index(Node root) {
    SourceMap map = new SourceMap();
    map.visit(root, "", Collections.newSetFromMap(new IdentityHashMap<>()));
    return map;
  }

  static String child(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Where the value at {@code path} starts, or its nearest present ancestor. */
  public SourcePosition at(String path) {
    for (String p = path; ; p = parent(p)) {
      SourcePosition pos = values.get(p);
      if (pos != null) {
        return pos;
      }
      if (p.isEmpty()) {
        return SourcePosition.START;
      }
    }
  }

  /** Where the key of the mapping entry at {@code path} starts; for list items and absent keys, {@link #at}. */
  public SourcePosition keyAt(String path) {
    SourcePosition pos = keys.get(path);
    return pos != null ? pos : at(path);
  }

  public boolean has(String path) {
    return values.containsKey(path);
  }

  private void visit(Node node, String path, Set<Node> enclosing) {
    values.put(path, SourcePosition.of(node.getStartMark()));
    if (node instanceof ScalarNode) {
      return;
    }
    if (!enclosing.add(node)) {
      throw new PlanSyntaxException(SourcePosition.of(node.getStartMark()),
          "this alias refers to a node that contains it, which would make the plan infinite: replace the alias by a copy of what it should hold");
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          String p = child(path, k.getValue());
          keys.putIfAbsent(p, SourcePosition.of(k.getStartMark()));
          if (!values.containsKey(p)) {
            visit(t.getValueNode(), p, enclosing);
          }
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        visit(s.getValue().get(i), item(path, i), enclosing);
      }
    }
    enclosing.remove(node);
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }
}
