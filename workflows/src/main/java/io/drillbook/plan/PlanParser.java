package io.drillbook.plan;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a plan file (drillbook/v1) into a {@link Plan} and the position of each of its nodes, reporting
 * everything rule 1 (schema) rejects: YAML syntax, unknown keys, wrong types, bad durations, cron
 * expressions and time zones. It keeps going after an error so that one run reports them all; the other
 * rules are {@link PlanValidator}'s.
 *
 * <p>The key sets below are the only place the format's keys are listed: the parser reads with them and a
 * test checks the JSON Schema has exactly the same ones.
 */
public final class PlanParser {

  public static final String API_VERSION = "drillbook/v1";
  public static final String KIND = "Plan";

  public static final Set<String> PLAN_KEYS =
      keys("apiVersion", "kind", "metadata", "objectives", "parties", "resources", "steps", "cleanup");
  public static final Set<String> METADATA_KEYS =
      keys("name", "tenant", "type", "healthData", "description", "schedule", "timezone");
  public static final Set<String> OBJECTIVES_KEYS = keys("rto", "rpo");
  public static final Set<String> PARTY_KEYS = keys("name", "hdsActivities", "members");
  public static final Set<String> RESOURCE_KEYS = keys("provider", "type", "config");
  public static final Set<String> STEP_KEYS =
      keys("id", "action", "resource", "needs", "from", "with", "raci", "timeout", "retry", "onFailure", "onTimeout");
  public static final Set<String> RACI_KEYS = keys("responsible", "accountable", "consulted", "informed");
  public static final Set<String> RETRY_KEYS = keys("attempts", "backoff");

  /**
   * Plan names, tenants, party and resource keys and step ids: a DNS label, because they end up in the
   * names and tags of the scratch resources a drill creates.
   */
  public static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

  public static final int MAX_RETRY_ATTEMPTS = 10;

  static final Map<String, PlanType> PLAN_TYPES = spellings(PlanType.values(), PlanType::name);
  static final Map<String, Action> ACTIONS = spellings(Action.values(), Action::yamlName);
  static final Map<String, OnFailure> ON_FAILURE = spellings(OnFailure.values(), PlanParser::lowerCase);
  static final Map<String, OnTimeout> ON_TIMEOUT = spellings(OnTimeout.values(), PlanParser::lowerCase);

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final String NAME_HINT = "use lower-case letters, digits and inner hyphens, at most 63 characters";

  private final Findings findings;
  private final SourceMap sources;
  private final YamlReader reader;

  private PlanParser(Findings findings, SourceMap sources) {
    this.findings = findings;
    this.sources = sources;
    this.reader = new YamlReader(findings);
  }

  /**
   * Parses the text of a plan.
   *
   * @param file the name errors are reported under (the path as the user typed it, or an upload's name)
   */
  public static ParsedPlan parse(String yaml, String file) {
    Node root;
    SourceMap sources;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(stripByteOrderMark(yaml)));
      sources = root == null ? null : SourceMap.index(root);
    } catch (MarkedYAMLException e) {
      return unreadable(file, syntaxPosition(e), syntaxMessage(e));
    } catch (PlanSyntaxException e) {
      return unreadable(file, e.position(), e.getMessage());
    } catch (YAMLException e) {
      return unreadable(file, SourcePosition.START, "the file is not readable YAML (" + e.getMessage() + ")");
    }
    if (!(root instanceof MappingNode mapping)) {
      return unreadable(file, root == null ? SourcePosition.START : SourcePosition.of(root.getStartMark()),
          "a plan is a YAML mapping that starts with apiVersion: " + API_VERSION + " and kind: " + KIND
              + " (see examples/plans/)");
    }
    Findings findings = new Findings(file);
    Plan plan = new PlanParser(findings, sources).plan(mapping);
    return new ParsedPlan(file, plan, sources, root, findings.errors());
  }

  private static ParsedPlan unreadable(String file, SourcePosition at, String message) {
    Findings findings = new Findings(file);
    findings.error(at, ValidationRule.SCHEMA, message);
    return ParsedPlan.unreadable(file, findings.errors());
  }

  private Plan plan(MappingNode root) {
    Map<String, Node> m = reader.mapping(root, "", PLAN_KEYS);
    expectConstant(m, root, "apiVersion", API_VERSION);
    expectConstant(m, root, "kind", KIND);
    require(m, root, "metadata", "", "add metadata: { name, tenant, type }");
    require(m, root, "steps", "", "add steps: with at least one step");
    return new Plan(
        reader.text(m.get("apiVersion"), "apiVersion"),
        reader.text(m.get("kind"), "kind"),
        metadata(m.get("metadata")),
        objectives(m.get("objectives")),
        parties(m.get("parties")),
        resources(m.get("resources")),
        steps(m.get("steps"), "steps"),
        steps(m.get("cleanup"), "cleanup"));
  }

  private PlanMetadata metadata(Node node) {
    Map<String, Node> m = orEmpty(reader.mapping(node, "metadata", METADATA_KEYS));
    require(m, node, "name", "metadata", "add name: the plan's name, unique per tenant");
    require(m, node, "tenant", "metadata", "add tenant: the client's id");
    require(m, node, "type", "metadata", "add type: one of " + String.join(", ", PLAN_TYPES.keySet()));
    // Absent means true, so that forgetting the key never switches the HDS rules off; an invalid value is
    // already an error, and reading it as false spares the author a second, HDS, error about it.
    boolean healthData = m.get("healthData") == null
        || Boolean.TRUE.equals(reader.bool(m.get("healthData"), "metadata.healthData"));
    return new PlanMetadata(
        name(m.get("name"), "metadata.name"),
        name(m.get("tenant"), "metadata.tenant"),
        reader.choice(m.get("type"), "metadata.type", PLAN_TYPES),
        healthData,
        reader.text(m.get("description"), "metadata.description"),
        cron(m.get("schedule")),
        zone(m.get("timezone")));
  }

  private Objectives objectives(Node node) {
    Map<String, Node> m = reader.mapping(node, "objectives", OBJECTIVES_KEYS);
    if (m == null) {
      return Objectives.NONE;
    }
    Duration rto = reader.duration(m.get("rto"), "objectives.rto");
    if (Duration.ZERO.equals(rto)) {
      reader.error(m.get("rto"), "`objectives.rto` must be more than 0: it is the time allowed to recover");
    }
    return new Objectives(rto, reader.duration(m.get("rpo"), "objectives.rpo"));
  }

  private Map<String, Party> parties(Node node) {
    Map<String, Node> entries = orEmpty(reader.entries(node, "parties"));
    Map<String, Party> parties = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      String path = SourceMap.child("parties", key);
      checkKey(key, path);
      Map<String, Node> m = orEmpty(reader.mapping(value, path, PARTY_KEYS));
      String name = reader.text(m.get("name"), path + ".name");
      parties.put(key, new Party(name == null ? key : name, hdsActivities(m.get("hdsActivities"), path + ".hdsActivities"),
          reader.texts(m.get("members"), path + ".members")));
    });
    return Collections.unmodifiableMap(parties);
  }

  private List<Integer> hdsActivities(Node node, String path) {
    List<Node> items = orEmpty(reader.sequence(node, path));
    List<Integer> activities = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Integer a = reader.integer(items.get(i), SourceMap.item(path, i));
      if (a != null && (a < 1 || a > 6)) {
        reader.error(items.get(i), "HDS activities are numbered 1 to 6 (1 sites, 2 hardware, 3 virtual infrastructure, "
            + "4 application platform, 5 administration and operation, 6 backup), not " + a);
      } else if (a != null) {
        activities.add(a);
      }
    }
    return List.copyOf(activities);
  }

  private Map<String, Resource> resources(Node node) {
    Map<String, Node> entries = orEmpty(reader.entries(node, "resources"));
    Map<String, Resource> resources = new LinkedHashMap<>();
    entries.forEach((key, value) -> {
      String path = SourceMap.child("resources", key);
      checkKey(key, path);
      Map<String, Node> m = orEmpty(reader.mapping(value, path, RESOURCE_KEYS));
      require(m, value, "provider", path, "add provider: local, aws or azure");
      require(m, value, "type", path, "add type: the provider's resource type, e.g. postgresql");
      resources.put(key, new Resource(
          reader.text(m.get("provider"), path + ".provider"),
          reader.text(m.get("type"), path + ".type"),
          reader.freeMapping(m.get("config"), path + ".config")));
    });
    return Collections.unmodifiableMap(resources);
  }

  /** The steps or cleanup entries; one {@link Step} per item, even a broken one, so indexes match the file. */
  private List<Step> steps(Node node, String path) {
    List<Node> items = orEmpty(reader.sequence(node, path));
    if (node instanceof SequenceNode s && s.getValue().isEmpty() && path.equals("steps")) {
      reader.error(node, "a plan needs at least one step: add one under `steps`");
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      steps.add(step(items.get(i), SourceMap.item(path, i)));
    }
    return List.copyOf(steps);
  }

  private Step step(Node node, String path) {
    Map<String, Node> m = orEmpty(reader.mapping(node, path, STEP_KEYS));
    require(m, node, "id", path, "add id: a short name, unique in the plan");
    require(m, node, "action", path, "add action: one of " + String.join(", ", ACTIONS.keySet()));
    Action action = reader.choice(m.get("action"), path + ".action", ACTIONS);
    Duration timeout = reader.duration(m.get("timeout"), path + ".timeout");
    if (Duration.ZERO.equals(timeout)) {
      reader.error(m.get("timeout"), "`" + path + ".timeout` must be more than 0; leave it out to use the action's default");
    }
    OnTimeout onTimeout = reader.choice(m.get("onTimeout"), path + ".onTimeout", ON_TIMEOUT);
    if (onTimeout != null && action != null && !action.isHumanGate()) {
      reader.error(m.get("onTimeout"), "onTimeout applies to approval and manual steps, which wait for a person; a "
          + action.yamlName() + " step that times out fails like any failure: remove onTimeout and use onFailure");
    }
    if (action == Action.WAIT && m.get("timeout") != null) {
      reader.error(m.get("timeout"), "a wait step lasts exactly `with.duration`: remove timeout");
    }
    if (action != null && (action.isHumanGate() || action == Action.WAIT) && m.get("retry") != null) {
      reader.error(m.get("retry"), "a " + action.yamlName() + " step is never retried (a person's decision or a timer "
          + "cannot fail and be tried again): remove retry");
    }
    return new Step(
        name(m.get("id"), path + ".id"),
        action,
        reader.text(m.get("resource"), path + ".resource"),
        reader.texts(m.get("needs"), path + ".needs"),
        reader.text(m.get("from"), path + ".from"),
        reader.freeMapping(m.get("with"), path + ".with"),
        raci(m.get("raci"), path + ".raci"),
        timeout,
        retry(m.get("retry"), path + ".retry"),
        reader.choice(m.get("onFailure"), path + ".onFailure", ON_FAILURE),
        onTimeout);
  }

  private Raci raci(Node node, String path) {
    Map<String, Node> m = reader.mapping(node, path, RACI_KEYS);
    if (m == null) {
      return null;
    }
    return new Raci(
        reader.texts(m.get("responsible"), path + ".responsible"),
        accountable(m.get("accountable"), path + ".accountable"),
        reader.texts(m.get("consulted"), path + ".consulted"),
        reader.texts(m.get("informed"), path + ".informed"));
  }

  /** One name. A list is refused here because the model has room for one only. */
  private String accountable(Node node, String path) {
    if (!(node instanceof SequenceNode)) {
      return reader.text(node, path);
    }
    List<String> names = reader.texts(node, path);
    if (names.size() == 1) {
      reader.error(node, "`" + path + "` is one name, not a list: write accountable: " + names.get(0));
    } else if (names.size() > 1) {
      findings.error(SourcePosition.of(node.getStartMark()), ValidationRule.RACI,
          "a step has exactly one Accountable, found " + names.size() + " (" + String.join(", ", names)
              + "): keep the one who answers for the step and signs it off, move the others to consulted or informed");
    }
    return null;
  }

  private RetrySpec retry(Node node, String path) {
    Map<String, Node> m = reader.mapping(node, path, RETRY_KEYS);
    if (m == null) {
      return null;
    }
    require(m, node, "attempts", path, "add attempts: the total number of tries, e.g. 3");
    Integer attempts = reader.integer(m.get("attempts"), path + ".attempts");
    if (attempts != null && (attempts < 1 || attempts > MAX_RETRY_ATTEMPTS)) {
      reader.error(m.get("attempts"), "`" + path + ".attempts` counts every try, first included: write 1 (no retry) to "
          + MAX_RETRY_ATTEMPTS + ", not " + attempts);
    }
    Duration backoff = reader.duration(m.get("backoff"), path + ".backoff");
    return new RetrySpec(attempts == null ? 1 : attempts, backoff == null ? StepDefaults.RETRY_BACKOFF : backoff);
  }

  private String name(Node node, String path) {
    String name = reader.text(node, path);
    if (name != null && !NAME.matcher(name).matches()) {
      reader.error(node, "`" + path + "` cannot be '" + name + "': " + NAME_HINT);
    }
    return name;
  }

  /** A mapping key that is a name (party, resource): checked like {@link #name}, reported at the key. */
  private void checkKey(String key, String path) {
    if (!NAME.matcher(key).matches()) {
      findings.error(sources.keyAt(path), ValidationRule.SCHEMA, "`" + path + "` is not a valid key: " + NAME_HINT);
    }
  }

  private String cron(Node node) {
    String expression = reader.text(node, "metadata.schedule");
    if (expression == null) {
      return null;
    }
    try {
      CRON.parse(expression).validate();
    } catch (IllegalArgumentException e) {
      reader.error(node, "bad cron '" + expression + "' in `metadata.schedule` (" + e.getMessage()
          + "): write 5 fields, minute hour day-of-month month day-of-week, in quotes, e.g. \"0 3 1 * *\" for 03:00 on the 1st");
    }
    return expression;
  }

  private String zone(Node node) {
    String zone = reader.text(node, "metadata.timezone");
    if (zone == null) {
      return null;
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      reader.error(node, "unknown time zone '" + zone + "' in `metadata.timezone`" + Suggestion.didYouMean(zone, ZoneId.getAvailableZoneIds())
          + ": write an IANA zone name such as Europe/Paris");
    }
    return zone;
  }

  private void expectConstant(Map<String, Node> m, Node parent, String key, String expected) {
    require(m, parent, key, "", "add " + key + ": " + expected + " at the top of the plan");
    String actual = reader.text(m.get(key), key);
    if (actual != null && !actual.equals(expected)) {
      reader.error(m.get(key), "`" + key + "` must be " + expected + ", not '" + actual + "'");
    }
  }

  /**
   * Reports a missing key at the mapping that lacks it. Nothing when that mapping is itself missing or not
   * a mapping: that was reported one level up.
   */
  private void require(Map<String, Node> m, Node parent, String key, String parentPath, String hint) {
    Node value = m.get(key);
    if (parent instanceof MappingNode && (value == null || YamlReader.isNull(value))) {
      findings.error(SourcePosition.of(parent.getStartMark()), ValidationRule.SCHEMA,
          "missing `" + SourceMap.child(parentPath, key) + "`: " + hint);
    }
  }

  /**
   * Where the construct being read starts when that is on the problem's line ({@code *} of a bad alias),
   * else where the reader gave up.
   */
  private static SourcePosition syntaxPosition(MarkedYAMLException e) {
    Mark problem = e.getProblemMark();
    Mark context = e.getContextMark();
    Mark mark = problem == null || context != null && context.getLine() == problem.getLine() ? context : problem;
    return mark == null ? SourcePosition.START : SourcePosition.of(mark);
  }

  private static String syntaxMessage(MarkedYAMLException e) {
    String context = e.getContext() == null ? "" : e.getContext() + ", ";
    return "YAML syntax: " + (context + e.getProblem()).replaceAll("\\s+", " ").strip()
        + ": check the indentation, and quote values that start with * & ! | > % @ ` or contain \": \" or \" #\"";
  }

  private static String stripByteOrderMark(String yaml) {
    return yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
  }

  private static <E> Map<String, E> spellings(E[] values, Function<E, String> spelling) {
    Map<String, E> m = new LinkedHashMap<>();
    Arrays.stream(values).forEach(v -> m.put(spelling.apply(v), v));
    return Collections.unmodifiableMap(m);
  }

  private static String lowerCase(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static Set<String> keys(String... keys) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private static <T> List<T> orEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }
}
