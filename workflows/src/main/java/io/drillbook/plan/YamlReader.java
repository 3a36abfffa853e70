package io.drillbook.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads typed values out of composed YAML nodes and reports, as {@code schema} errors with the node's
 * position, whatever does not have the expected shape. Scalars are typed as in YAML 1.2 (the JSON Schema
 * and editors' view): only {@code true}/{@code false} are booleans, so {@code on}, {@code no} or
 * {@code off} stay text; a quoted scalar is always text.
 */
final class YamlReader {

  private static final Pattern NULL = Pattern.compile("null|Null|NULL|~|");
  private static final Pattern BOOLEAN = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private final Findings findings;

  YamlReader(Findings findings) {
    this.findings = findings;
  }

  /**
   * The entries of a mapping whose keys are in {@code allowed}, in file order; every other key is reported.
   * Null when {@code node} is absent, or is not a mapping (reported).
   */
  Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
    List<Entry> all = distinctEntries(node, path);
    if (all == null) {
      return null;
    }
    Map<String, Node> known = new LinkedHashMap<>();
    for (Entry e : all) {
      if (allowed.contains(e.key().getValue())) {
        known.put(e.key().getValue(), e.value());
      } else {
        error(e.key(), unknownKey(e.key().getValue(), path, allowed));
      }
    }
    return known;
  }

  /** Every entry of a mapping with free keys (parties, resources, {@code with}); null when absent or not a mapping. */
  Map<String, Node> entries(Node node, String path) {
    List<Entry> all = distinctEntries(node, path);
    if (all == null) {
      return null;
    }
    Map<String, Node> entries = new LinkedHashMap<>();
    all.forEach(e -> entries.put(e.key().getValue(), e.value()));
    return entries;
  }

  private record Entry(ScalarNode key, Node value) {}

  /** A mapping's entries with scalar keys, each key once (later duplicates and odd keys reported). */
  private List<Entry> distinctEntries(Node node, String path) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof MappingNode m)) {
      error(node, "`" + path + "` must be a mapping (key: value lines, or { key: value }), not " + shape(node));
      return null;
    }
    Map<String, Entry> byKey = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k) || isNull(k)) {
        error(t.getKeyNode(), "keys " + where(path) + " must be plain words, not " + shape(t.getKeyNode()));
        continue;
      }
      Entry first = byKey.putIfAbsent(k.getValue(), new Entry(k, t.getValueNode()));
      if (first != null) {
        error(k, "duplicate key '" + k.getValue() + "' " + where(path) + " (first at line "
            + SourcePosition.of(first.key().getStartMark()).line() + "): keep only one");
      }
    }
    return List.copyOf(byKey.values());
  }

  /** A mapping with free keys as plain Java values (see {@link #value}); empty when absent or not a mapping. */
  Map<String, Object> freeMapping(Node node, String path) {
    Map<String, Node> entries = entries(node, path);
    if (entries == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    entries.forEach((k, v) -> out.put(k, value(v, SourceMap.child(path, k))));
    return Collections.unmodifiableMap(out);
  }

  /** The items of a sequence; null when absent or not a sequence (reported). */
  List<Node> sequence(Node node, String path) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof SequenceNode s)) {
      error(node, "`" + path + "` must be a list (- item lines, or [a, b]), not " + shape(node));
      return null;
    }
    return s.getValue();
  }

  /** A scalar's text; null when absent or empty, or not a scalar (reported). */
  String text(Node node, String path) {
    if (node == null || isNull(node)) {
      return null;
    }
    if (!(node instanceof ScalarNode s)) {
      error(node, "`" + path + "` must be a single value, not " + shape(node));
      return null;
    }
    return s.getValue();
  }

  Boolean bool(Node node, String path) {
    String t = text(node, path);
    if (t == null) {
      return null;
    }
    if (!isPlain(node) || !BOOLEAN.matcher(t).matches()) {
      error(node, "`" + path + "` must be true or false (without quotes)");
      return null;
    }
    return Boolean.parseBoolean(t.toLowerCase(Locale.ROOT));
  }

  Integer integer(Node node, String path) {
    String t = text(node, path);
    if (t == null) {
      return null;
    }
    if (!isPlain(node) || !INTEGER.matcher(t).matches() || t.replaceFirst("^[-+]?0*", "").length() > 9) {
      error(node, "`" + path + "` must be a whole number (without quotes), not '" + t + "'");
      return null;
    }
    return Integer.parseInt(t);
  }

  Duration duration(Node node, String path) {
    String t = text(node, path);
    if (t == null) {
      return null;
    }
    Duration d = DurationSyntax.parse(t).orElse(null);
    if (d == null) {
      error(node, "bad duration '" + t + "' for `" + path + "`: " + DurationSyntax.HINT);
    }
    return d;
  }

  /** One name or a list of names: {@code responsible: msp-dba} and {@code responsible: [a, b]} both read. */
  List<String> texts(Node node, String path) {
    if (node instanceof ScalarNode) {
      String t = text(node, path);
      return t == null ? List.of() : List.of(t);
    }
    List<Node> items = sequence(node, path);
    if (items == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String t = text(items.get(i), SourceMap.item(path, i));
      if (t != null) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** A value spelt one of the {@code spellings} keys (an enum's YAML names), or null (reported). */
  <E> E choice(Node node, String path, Map<String, E> spellings) {
    String t = text(node, path);
    if (t == null) {
      return null;
    }
    E e = spellings.get(t);
    if (e == null) {
      error(node, "`" + path + "` cannot be '" + t + "'" + Suggestion.didYouMean(t, spellings.keySet())
          + "; write one of: " + String.join(", ", spellings.keySet()));
    }
    return e;
  }

  /**
   * A free-form value ({@code with}, {@code config}) as plain Java: String, Integer, Long, Double, Boolean,
   * List, Map (insertion-ordered, unmodifiable), or null for an empty value.
   */
  Object value(Node node, String path) {
    if (node instanceof MappingNode) {
      return freeMapping(node, path);
    }
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < s.getValue().size(); i++) {
        out.add(value(s.getValue().get(i), SourceMap.item(path, i)));
      }
      return Collections.unmodifiableList(out);
    }
    ScalarNode s = (ScalarNode) node;
    String t = s.getValue();
    if (!s.isPlain()) {
      return t;
    }
    if (NULL.matcher(t).matches()) {
      return null;
    }
    if (BOOLEAN.matcher(t).matches()) {
      return Boolean.parseBoolean(t.toLowerCase(Locale.ROOT));
    }
    if (INTEGER.matcher(t).matches()) {
      long l;
      try {
        l = Long.parseLong(t);
      } catch (NumberFormatException tooBig) {
        return t;
      }
      return l == (int) l ? (Object) (int) l : (Object) l;
    }
    return DECIMAL.matcher(t).matches() ? (Object) Double.parseDouble(t) : t;
  }

  void error(Node node, String message) {
    findings.error(SourcePosition.of(node.getStartMark()), ValidationRule.SCHEMA, message);
  }

  private static String unknownKey(String key, String path, Set<String> allowed) {
    if (key.equals("<<")) {
      return "YAML merge keys (<<) are not supported " + where(path) + ": write the keys out (an alias of a whole value, *name, is fine)";
    }
    return "unknown key '" + key + "' " + where(path) + Suggestion.didYouMean(key, allowed)
        + "; allowed keys: " + String.join(", ", allowed);
  }

  private static String where(String path) {
    return path.isEmpty() ? "at the top of the plan" : "in `" + path + "`";
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.isPlain() && NULL.matcher(s.getValue()).matches();
  }

  private static boolean isPlain(Node node) {
    return node instanceof ScalarNode s && s.isPlain();
  }

  private static String shape(Node node) {
    return switch (node.getNodeId()) {
      case mapping -> "a mapping";
      case sequence -> "a list";
      default -> "a single value";
    };
  }
}
