package io.drillbook.provider;

import java.util.List;

/**
 * The declared schema of one parameter of an action (or one {@code config} key of a resource type).
 * Small on purpose: enough to reject unknown keys, missing required keys and wrong types with a message
 * that names the parameter, and to document each action.
 *
 * @param allowed for {@link ParamType#ENUM}, the accepted values; for {@link ParamType#STRING}, optional
 *     prefixes the value must start with (e.g. {@code dir:}); empty = anything
 * @param fields for {@link ParamType#OBJECT}, its keys
 * @param items for {@link ParamType#LIST}, the schema of each element
 */
public record ParamSpec(
    String name,
    ParamType type,
    boolean required,
    Object defaultValue,
    List<String> allowed,
    List<ParamSpec> fields,
    ParamSpec items,
    String description) {

  public ParamSpec {
    allowed = allowed == null ? List.of() : allowed;
    fields = fields == null ? List.of() : fields;
  }

  public static ParamSpec optional(String name, ParamType type, String description) {
    return new ParamSpec(name, type, false, null, null, null, null, description);
  }

  public static ParamSpec required(String name, ParamType type, String description) {
    return new ParamSpec(name, type, true, null, null, null, null, description);
  }

  public static ParamSpec oneOf(String name, Object defaultValue, String description, String... values) {
    return new ParamSpec(name, ParamType.ENUM, false, defaultValue, List.of(values), null, null, description);
  }

  public static ParamSpec object(String name, boolean required, String description, ParamSpec... fields) {
    return new ParamSpec(name, ParamType.OBJECT, required, null, null, List.of(fields), null, description);
  }

  public static ParamSpec listOf(String name, ParamSpec items, String description) {
    return new ParamSpec(name, ParamType.LIST, false, null, null, null, items, description);
  }

  public ParamSpec withDefault(Object value) {
    return new ParamSpec(name, type, required, value, allowed, fields, items, description);
  }

  public ParamSpec withPrefixes(String... prefixes) {
    return new ParamSpec(name, type, required, defaultValue, List.of(prefixes), fields, items, description);
  }
}
