package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.catalog.BuiltInCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad plan under src/test/resources/plans ends with the errors it must produce, one
 * {@code # expect LINE:COL RULE MESSAGE-START} comment each: exactly those positions and rules, in file
 * order, each message starting with the given text.
 */
class PlanFixturesTest {

  private static final Pattern EXPECT = Pattern.compile("^# expect (\\d+):(\\d+) (\\w+) (.+)$", Pattern.MULTILINE);
  private static final Path FIXTURES = Path.of("src/test/resources/plans");

  static Stream<Path> fixtures() throws Exception {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void reportsExactlyTheExpectedErrors(Path fixture) throws Exception {
    List<Expected> expected = expectations(Files.readString(fixture));
    LoadedPlan loaded = PlanLoader.load(fixture, new BuiltInCatalog());

    assertFalse(expected.isEmpty(), "a fixture states the errors it expects");
    assertFalse(loaded.valid());
    assertNull(loaded.plan());
    List<String> actual = loaded.errors().stream().map(e -> e.line() + ":" + e.column() + " " + e.rule()).toList();
    assertEquals(expected.stream().map(Expected::where).toList(), actual, () -> report(loaded));
    for (int i = 0; i < expected.size(); i++) {
      PlanError e = loaded.errors().get(i);
      assertTrue(e.message().startsWith(expected.get(i).messageStart()), () -> "got: " + e);
      assertEquals(fixture.toString(), e.file());
    }
  }

  @Test
  void everyRuleHasAFixture() throws Exception {
    List<String> rules = new ArrayList<>();
    for (Path f : fixtures().toList()) {
      expectations(Files.readString(f)).forEach(e -> rules.add(e.rule()));
    }
    for (ValidationRule r : ValidationRule.values()) {
      assertTrue(rules.contains(r.id()), "no fixture for rule " + r.id());
    }
  }

  @Test
  void severalErrorsInOneFileAreAllReportedInFileOrder() throws Exception {
    LoadedPlan loaded = PlanLoader.load(FIXTURES.resolve("several-errors.yaml"), new BuiltInCatalog());

    assertEquals(List.of("schema", "schema", "raci", "graph", "resources", "resources", "secrets"),
        loaded.errors().stream().map(PlanError::rule).toList());
    assertEquals(1, loaded.warnings().size(), "a schedule without a time zone is a warning");
    assertTrue(loaded.warnings().get(0).contains("several-errors.yaml:8:13: warning: metadata.schedule has no metadata.timezone"));
  }

  @Test
  void printsLikeACompiler() throws Exception {
    LoadedPlan loaded = PlanLoader.load(FIXTURES.resolve("graph-unknown-needs.yaml"), new BuiltInCatalog());

    assertEquals(FIXTURES.resolve("graph-unknown-needs.yaml") + ":25:13: error: step 'restore' needs unknown step "
        + "'snapshots' (did you mean 'snapshot'?): name a step id declared in this plan (graph)",
        loaded.errors().get(0).toString());
  }

  @Test
  void secretsAreNeverRepeatedInMessages() throws Exception {
    LoadedPlan loaded = PlanLoader.load(FIXTURES.resolve("secrets-literal-password.yaml"), new BuiltInCatalog());

    loaded.errors().forEach(e -> {
      assertFalse(e.message().contains("hunter2"), e::toString);
      assertFalse(e.message().contains("S3cret"), e::toString);
      assertFalse(e.message().contains("AKIAIOSFODNN7EXAMPLE"), e::toString);
    });
  }

  private record Expected(String where, String rule, String messageStart) {}

  private static List<Expected> expectations(String text) {
    List<Expected> out = new ArrayList<>();
    Matcher m = EXPECT.matcher(text);
    while (m.find()) {
      out.add(new Expected(m.group(1) + ":" + m.group(2) + " " + m.group(3), m.group(3), m.group(4)));
    }
    return out;
  }

  private static String report(LoadedPlan loaded) {
    return String.join("\n", loaded.errors().stream().map(PlanError::toString).toList());
  }
}
