package io.drillbook.plan;

import java.util.Collections;
import java.util.IdentityHashMap;
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
 * Rule 8: no secret is written in a plan, which lives in git and is frozen into workflow histories. It
 * reads the raw YAML tree, so it also sees keys the model drops (an unknown {@code password:} key is
 * reported here as well as an unknown key). A key named like a secret must hold a reference; any value
 * that looks like a credential (an AWS access key id, a private key, a URL with a password) is refused
 * wherever it is. Messages never repeat the value.
 */
final class SecretsRule implements RuleCheck {

  /** How to write a secret instead; part of every message. */
  static final String REFERENCES = "env:NAME, file:/path, aws-secretsmanager:ARN or azure-keyvault:URI";

  private static final Map<String, Pattern> REFERENCE_SYNTAX = Map.of(
      "env:", Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*"),
      "file:", Pattern.compile("file:/\\S+"),
      "aws-secretsmanager:", Pattern.compile("aws-secretsmanager:arn:aws[a-z-]*:secretsmanager:\\S+"),
      "azure-keyvault:", Pattern.compile("azure-keyvault:https://\\S+"));

  /** Key names, lower-cased without - and _, that name a secret. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(".*(password|passwd|passphrase|secret|token|apikey|accesskey|privatekey|credential|connectionstring).*");

  private static final List<Looks> LOOKS = List.of(
      new Looks(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), "an AWS access key id"),
      new Looks(Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
      new Looks(Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^@\\s/]+@"), "a URL with a password in it"),
      new Looks(Pattern.compile("(?i)[?&;](password|pwd)=[^&;\\s]+"), "a connection string with a password in it"),
      new Looks(Pattern.compile("(?i)AccountKey=[A-Za-z0-9+/=]{20,}"), "an Azure storage account key"));

  private record Looks(Pattern pattern, String what) {}

  @Override
  public void check(ParsedPlan parsed, Findings findings) {
    visit(parsed.tree(), null, Collections.newSetFromMap(new IdentityHashMap<>()), findings);
  }

  private void visit(Node node, String key, Set<Node> seen, Findings findings) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
        visit(t.getValueNode(), k, seen, findings);
      }
    } else if (node instanceof SequenceNode s) {
      s.getValue().forEach(item -> visit(item, key, seen, findings));
    } else if (node instanceof ScalarNode s && !YamlReader.isNull(s)) {
      checkScalar(s, key, findings);
    }
  }

  private void checkScalar(ScalarNode s, String key, Findings findings) {
    String value = s.getValue();
    SourcePosition at = SourcePosition.of(s.getStartMark());
    String prefix = REFERENCE_SYNTAX.keySet().stream().filter(value::startsWith).findFirst().orElse(null);
    if (prefix != null) {
      if (!REFERENCE_SYNTAX.get(prefix).matcher(value).matches()) {
        findings.error(at, ValidationRule.SECRETS, "malformed " + prefix + " reference in '" + key + "': write " + REFERENCES);
      }
      return;
    }
    if (key != null && namesSecret(key) && !(s.isPlain() && value.matches("true|false"))) {
      findings.error(at, ValidationRule.SECRETS, "'" + key + "' holds a literal secret: store it in the environment or a "
          + "secret store and write a reference instead: " + REFERENCES);
      return;
    }
    for (Looks looks : LOOKS) {
      if (looks.pattern().matcher(value).find()) {
        findings.error(at, ValidationRule.SECRETS, "this value contains " + looks.what() + (key == null ? "" : " (in '" + key + "')")
            + ": remove it from the plan, store it in the environment or a secret store, and refer to it: " + REFERENCES);
        return;
      }
    }
  }

  private static boolean namesSecret(String key) {
    return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")).matches();
  }
}
