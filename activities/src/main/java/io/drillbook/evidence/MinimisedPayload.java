package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An event payload after data minimisation: every key or value that {@link PersonalDataGuard} says looks
 * like personal data is replaced by {@code "[withheld: looks like <kind>]"}, and {@code withheld} lists the
 * JSON paths of the replacements in the stored payload. The event is still recorded (refusing it would lose
 * the evidence of the step), nothing personal reaches the log, and the list shows a reader what is missing.
 *
 * @param payload the payload to store, a JSON object
 * @param withheld paths such as {@code $.outputs.contact} or {@code $.rows[2]}, in document order
 */
public record MinimisedPayload(ObjectNode payload, List<String> withheld) {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public MinimisedPayload {
    withheld = List.copyOf(withheld);
  }

  public static MinimisedPayload of(Map<String, ?> payload) {
    JsonNode tree = CanonicalJson.tree(payload == null ? Map.of() : payload);
    List<String> withheld = new ArrayList<>();
    return new MinimisedPayload((ObjectNode) withhold(tree, "$", withheld), withheld);
  }

  private static JsonNode withhold(JsonNode node, String path, List<String> withheld) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        Optional<String> kind = PersonalDataGuard.find(key);
        if (kind.isPresent()) {
          key = unusedKey(out, marker(kind.get()));
          withheld.add(memberPath(path, key));
        }
        out.set(key, withhold(field.getValue(), memberPath(path, key), withheld));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
      for (int i = 0; i < node.size(); i++) {
        out.add(withhold(node.get(i), path + "[" + i + "]", withheld));
      }
      return out;
    }
    if (node.isTextual() || node.isNumber()) {
      // Numbers too: a NIR typed as a bigint is still a NIR.
      Optional<String> kind = PersonalDataGuard.find(node.asText());
      if (kind.isPresent()) {
        withheld.add(path);
        return TextNode.valueOf(marker(kind.get()));
      }
    }
    return node;
  }

  private static String marker(String kind) {
    return "[withheld: looks like " + kind + "]";
  }

  /** Two withheld keys of one object must not collide: the second becomes "... #2". */
  private static String unusedKey(ObjectNode object, String key) {
    String candidate = key;
    for (int n = 2; object.has(candidate); n++) {
      candidate = key + " #" + n;
    }
    return candidate;
  }

  private static String memberPath(String parent, String key) {
    return PLAIN_KEY.matcher(key).matches()
        ? parent + "." + key
        : parent + "[" + CanonicalJson.write(TextNode.valueOf(key)) + "]";
  }
}
