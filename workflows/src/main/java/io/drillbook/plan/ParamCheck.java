package io.drillbook.plan;

import io.drillbook.provider.ParamSpec;
import io.drillbook.provider.ParamType;
import java.util.List;
import java.util.Map;

/**
 * Checks free-form values (a step's {@code with}, a resource's {@code config}) against declared
 * {@link ParamSpec}s: unknown keys, missing required ones, types, enum values, text prefixes, and the
 * fields and items of nested mappings and lists. Text values are not quoted back in messages: a
 * {@code config} value may be a DSN with credentials in it.
 */
final class ParamCheck {

  private final SourceMap src;
  private final Findings findings;

  ParamCheck(SourceMap src, Findings findings) {
    this.src = src;
    this.findings = findings;
  }

  /**
   * @param owner how messages name what takes these parameters, e.g. "restore on local/postgresql"
   */
  void check(Map<String, Object> values, List<ParamSpec> specs, String path, String owner) {
    List<String> names = specs.stream().map(ParamSpec::name).toList();
    values.forEach((key, value) -> {
      ParamSpec spec = specs.stream().filter(s -> s.name().equals(key)).findFirst().orElse(null);
      String at = SourceMap.child(path, key);
      if (spec == null) {
        error(src.keyAt(at), "unknown parameter '" + key + "' for " + owner + Suggestion.didYouMean(key, names)
            + (names.isEmpty() ? "; it takes no parameters: remove it" : "; it takes: " + String.join(", ", names)));
      } else {
        checkValue(value, spec, at);
      }
    });
    for (ParamSpec spec : specs) {
      if (spec.required() && !values.containsKey(spec.name())) {
        error(src.at(path), "missing parameter '" + spec.name() + "' for " + owner + ": add " + spec.name() + ": "
            + spec.description());
      }
    }
  }

  private void checkValue(Object value, ParamSpec spec, String path) {
    String problem = switch (spec.type()) {
      case STRING -> value instanceof String s ? prefixProblem(s, spec) : "must be text" + quoteHint(value);
      case INTEGER -> value instanceof Integer || value instanceof Long ? null : "must be a whole number, not " + describe(value);
      case NUMBER -> value instanceof Number ? null : "must be a number, not " + describe(value);
      case BOOLEAN -> value instanceof Boolean ? null : "must be true or false, not " + describe(value);
      case DURATION -> value instanceof String s && DurationSyntax.parse(s).isPresent() ? null
          : "must be a duration, not " + describe(value) + ": " + DurationSyntax.HINT;
      case ENUM -> value instanceof String s && spec.allowed().contains(s) ? null
          : "must be one of: " + String.join(", ", spec.allowed()) + ", not " + describe(value);
      case OBJECT -> value instanceof Map<?, ?> ? null : "must be a mapping of " + fieldNames(spec) + ", not " + describe(value);
      case LIST -> value instanceof List<?> ? null : "must be a list, not " + describe(value) + " (write [ a, b ] or - lines)";
    };
    if (problem != null) {
      error(src.at(path), "`" + path + "` " + problem);
    } else if (spec.type() == ParamType.OBJECT) {
      @SuppressWarnings("unchecked")
      Map<String, Object> fields = (Map<String, Object>) value;
      check(fields, spec.fields(), path, "`" + path + "`");
    } else if (spec.type() == ParamType.LIST && spec.items() != null) {
      List<?> items = (List<?>) value;
      for (int i = 0; i < items.size(); i++) {
        checkValue(items.get(i), spec.items(), SourceMap.item(path, i));
      }
    }
  }

  private static String prefixProblem(String value, ParamSpec spec) {
    if (spec.allowed().isEmpty() || spec.allowed().stream().anyMatch(value::startsWith)) {
      return null;
    }
    return "must start with " + String.join(" or ", spec.allowed()) + " (" + spec.description() + ")";
  }

  private static String quoteHint(Object value) {
    return value == null ? ", not empty" : value instanceof Map<?, ?> || value instanceof List<?>
        ? ", not " + describe(value) : ": put it in quotes";
  }

  private static String fieldNames(ParamSpec spec) {
    return String.join(", ", spec.fields().stream().map(ParamSpec::name).toList());
  }

  private static String describe(Object value) {
    if (value == null) {
      return "empty";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return value instanceof String ? "the text '" + value + "'" : "'" + value + "'";
  }

  private void error(SourcePosition at, String message) {
    findings.error(at, ValidationRule.RESOURCES, message);
  }
}
