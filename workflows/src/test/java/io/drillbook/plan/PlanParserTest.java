package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.catalog.BuiltInCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanParserTest {

  /** A valid plan with no provider, so each test changes only what it is about. */
  static final String MINIMAL = """
      apiVersion: drillbook/v1
      kind: Plan
      metadata: { name: tabletop, tenant: acme, type: PCA, healthData: false }
      objectives: { rto: 1h, rpo: 5m }
      parties:
        msp: { members: [dba, manager] }
      steps:
        - id: hold
          action: wait
          with: { duration: 100ms }
          raci: { responsible: dba, accountable: manager }
      """;

  @Test
  void readsTheModelOfAValidPlan() throws Exception {
    Plan plan = PlanLoader.load(ProjectFiles.root().resolve("examples/plans/local-restore-test.yaml"), new BuiltInCatalog())
        .requireValid();

    assertEquals(PlanType.RESTORE_TEST, plan.metadata().type());
    assertEquals(Duration.ofHours(4), plan.objectives().rto());
    assertEquals(List.of(3, 5, 6), plan.parties().get("msp").hdsActivities());
    Step restore = plan.step("restore").orElseThrow();
    assertEquals(Action.RESTORE, restore.action());
    assertEquals(List.of("snapshot"), restore.needs());
    assertEquals("snapshot", restore.from());
    assertEquals(Map.of("target", "scratch", "keepFor", "2h"), restore.with());
    assertEquals(List.of("msp-dba"), restore.raci().responsible());
    Step check = plan.step("check-data").orElseThrow();
    assertEquals(Map.of("compareWith", "source", "tolerance", 0), check.with().get("rowCounts"));
    assertEquals(true, check.with().get("checksums"));
    Step signOff = plan.step("client-sign-off").orElseThrow();
    assertEquals(OnTimeout.ESCALATE, signOff.onTimeout());
    assertEquals(Duration.ofHours(72), signOff.timeout());
    assertEquals(OnFailure.ABORT, signOff.onFailure());
    assertEquals("drop-scratch", plan.cleanup().get(0).id());
  }

  @Test
  void durationsTakeOneUnitFromMillisecondsToDays() {
    assertEquals(Duration.ofMillis(100), DurationSyntax.parse("100ms").orElseThrow());
    assertEquals(Duration.ofSeconds(90), DurationSyntax.parse("90s").orElseThrow());
    assertEquals(Duration.ofMinutes(15), DurationSyntax.parse("15m").orElseThrow());
    assertEquals(Duration.ofHours(4), DurationSyntax.parse("4h").orElseThrow());
    assertEquals(Duration.ofDays(2), DurationSyntax.parse("2d").orElseThrow());
    for (String bad : List.of("1h30m", "4 h", "-5m", "5", "m", "1.5h", "PT4H", "10000000000s")) {
      assertTrue(DurationSyntax.parse(bad).isEmpty(), bad);
    }
  }

  @Test
  void scalarsAreTypedAsInYaml12() {
    ParsedPlan parsed = PlanParser.parse(MINIMAL.replace("with: { duration: 100ms }",
        "with: { duration: 100ms, a: on, b: no, c: \"42\", d: 42, e: 4.5, f: true, g: ~, h: 9999999999 }"), "t.yaml");

    Map<String, Object> with = parsed.plan().steps().get(0).with();
    assertEquals("on", with.get("a"));
    assertEquals("no", with.get("b"));
    assertEquals("42", with.get("c"));
    assertEquals(42, with.get("d"));
    assertEquals(4.5, with.get("e"));
    assertEquals(true, with.get("f"));
    assertTrue(with.containsKey("g"));
    assertNull(with.get("g"));
    assertEquals(9999999999L, with.get("h"));
  }

  @Test
  void anEmptyFileOrAListIsNotAPlan() {
    assertEquals(List.of("1:1 schema"), where(PlanParser.parse("", "empty.yaml")));
    assertEquals(List.of("1:1 schema"), where(PlanParser.parse("# only a comment\n", "c.yaml")));
    assertEquals(List.of("1:1 schema"), where(PlanParser.parse("- a\n- b\n", "list.yaml")));
    assertFalse(PlanParser.parse("", "empty.yaml").readable());
  }

  @Test
  void aDuplicateKeyIsReportedAtTheSecondOne() {
    ParsedPlan parsed = PlanParser.parse(MINIMAL.replace("kind: Plan\n", "kind: Plan\nkind: Plan\n"), "dup.yaml");

    assertEquals(List.of("3:1 schema"), where(parsed));
    assertEquals("duplicate key 'kind' at the top of the plan (first at line 2): keep only one", parsed.errors().get(0).message());
  }

  @Test
  void aliasesAreReadButARecursiveOneIsRefused() {
    String withAlias = MINIMAL.replace("  - id: hold", "  - &first\n    id: hold") + "  - id: again\n    action: wait\n"
        + "    needs: [hold]\n    with: { duration: 1s }\n    raci: *r\n";
    String named = withAlias.replace("raci: { responsible: dba, accountable: manager }", "raci: &r { responsible: dba, accountable: manager }");
    ParsedPlan parsed = PlanParser.parse(named, "alias.yaml");
    assertEquals(List.of(), parsed.errors());
    assertEquals("manager", parsed.plan().steps().get(1).raci().accountable());

    ParsedPlan recursive = PlanParser.parse(MINIMAL.replace("with: { duration: 100ms }", "with: &w { duration: 100ms, self: *w }"), "r.yaml");
    assertFalse(recursive.readable());
    assertTrue(recursive.errors().get(0).message().contains("refers to a node that contains it"));
  }

  @Test
  void aMergeKeyGetsItsOwnExplanation() {
    ParsedPlan parsed = PlanParser.parse(MINIMAL.replace("raci: { responsible: dba, accountable: manager }",
        "raci: { <<: { responsible: dba }, accountable: manager }"), "merge.yaml");

    assertTrue(parsed.errors().get(0).message().startsWith("YAML merge keys (<<) are not supported"), parsed.errors()::toString);
  }

  @Test
  void defaultsWhereThePlanIsSilent() {
    ParsedPlan parsed = PlanParser.parse(MINIMAL.replace(", healthData: false", "")
        .replace("raci: {", "retry: { attempts: 2 }\n    raci: {").replace("action: wait", "action: notify")
        .replace("with: { duration: 100ms }", "with: { to: [msp], message: hi }"), "d.yaml");

    assertEquals(List.of(), parsed.errors());
    assertTrue(parsed.plan().metadata().healthData(), "health data rules apply unless the plan says otherwise");
    Step step = parsed.plan().steps().get(0);
    assertEquals(new RetrySpec(2, Duration.ofSeconds(30)), step.retry());
    assertEquals(OnFailure.ABORT, step.onFailure());
    assertEquals(Duration.ofMinutes(5), StepDefaults.timeout(step));
  }

  @Test
  void stepDefaultsPerAction() {
    Step restore = new Step("r", Action.RESTORE, "db", null, null, null, null, null, null, null, null);
    Step delete = new Step("d", Action.DELETE, "db", null, null, null, null, null, null, null, null);
    Step approval = new Step("a", Action.APPROVAL, null, null, null, null, null, null, null, null, null);
    Step wait = new Step("w", Action.WAIT, null, null, null, Map.of("duration", "15m"), null, null, null, null, null);

    assertEquals(Duration.ofHours(4), StepDefaults.timeout(restore));
    assertEquals(new RetrySpec(3, Duration.ofSeconds(30)), StepDefaults.retry(restore));
    assertEquals(5, StepDefaults.retry(delete).attempts());
    assertEquals(Duration.ofHours(72), StepDefaults.timeout(approval));
    assertEquals(1, StepDefaults.retry(approval).attempts());
    assertEquals(Duration.ofMinutes(15), StepDefaults.timeout(wait));
  }

  @Test
  void timeoutAndRetryOnlyWhereTheyMeanSomething() {
    ParsedPlan parsed = PlanParser.parse(MINIMAL.replace("raci: {", "timeout: 5m\n    retry: { attempts: 2 }\n    raci: {"), "w.yaml");

    assertEquals(List.of("11:14 schema", "12:12 schema"), where(parsed));
  }

  @Test
  void loadsFromAPathWithTheFileHash(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plan.yaml");
    Files.writeString(file, "\uFEFF" + MINIMAL);

    LoadedPlan loaded = PlanLoader.load(file, new BuiltInCatalog());

    assertEquals(List.of(), loaded.errors());
    assertEquals(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))), loaded.sha256());
    assertEquals(file.toString(), loaded.file());
  }

  @Test
  void aFileThatIsNotUtf8IsOneError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, MINIMAL.replace("tabletop", "caf\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    LoadedPlan loaded = PlanLoader.load(file, new BuiltInCatalog());

    assertEquals(1, loaded.errors().size());
    assertTrue(loaded.errors().get(0).message().contains("not UTF-8"));
  }

  @Test
  void requireValidThrowsWithEveryError() {
    LoadedPlan loaded = PlanLoader.load(MINIMAL.replace("accountable: manager", "accountable: nobody")
        .replace("rto: 1h", "rto: soon"), "upload.yaml", new BuiltInCatalog());

    PlanException e = org.junit.jupiter.api.Assertions.assertThrows(PlanException.class, loaded::requireValid);
    assertEquals(2, e.errors().size());
    assertTrue(e.getMessage().startsWith("upload.yaml:4:20: error: bad duration 'soon'"), e.getMessage());
  }

  private static List<String> where(ParsedPlan parsed) {
    return parsed.errors().stream().map(e -> e.line() + ":" + e.column() + " " + e.rule()).toList();
  }
}
