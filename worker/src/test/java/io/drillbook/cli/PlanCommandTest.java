package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples", "plans");

  @TempDir Path home;

  @Test
  void everyExamplePlanValidates() throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
    }
    String[] args = Stream.concat(Stream.of("plan", "validate"), files.stream()).toArray(String[]::new);
    Cli.Result r = new Cli(home).run(args);
    assertEquals(0, r.code(), r.toString());
    for (String f : files) {
      assertTrue(r.out().contains(f + ": valid"), r.toString());
    }
  }

  @Test
  void aBadPlanPrintsEveryErrorWithItsPositionAndExitsOne() throws IOException {
    Path bad = home.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: drillbook/v1
        kind: Plan
        metadata: { name: bad-plan, tenant: t, type: RESTORE_TEST, healthData: false }
        objectives: { rto: 4 hours }
        parties:
          msp: { name: MSP, members: [oncall] }
        steps:
          - id: gate
            action: approval
            raci: { responsible: oncall }
        """);
    Cli.Result r = new Cli(home).run("plan", "validate", bad.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains(bad + ":4:"), r.toString());
    assertTrue(r.err().contains("(schema)"), r.toString());
    assertTrue(r.err().contains("(raci)"), r.toString());
    assertTrue(r.err().contains("(objectives)"), r.toString());
    assertFalse(r.err().contains("Exception"), r.toString());
  }

  @Test
  void validateJsonListsErrorsForScripts() throws IOException {
    Path bad = home.resolve("bad.yaml");
    Files.writeString(bad, "apiVersion: drillbook/v2\n");
    Cli.Result r = new Cli(home).run("plan", "validate", "--json", bad.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().contains("\"valid\" : false"), r.toString());
    assertTrue(r.out().contains("\"line\" : 1"), r.toString());
  }

  @Test
  void aMissingFileIsAClearUserError() {
    Cli.Result r = new Cli(home).run("plan", "validate", "no-such-plan.yaml");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("plan file no-such-plan.yaml does not exist"), r.toString());
  }

  @Test
  void raciSpellsOutTheRoles() {
    Cli.Result r = new Cli(home).run("plan", "raci", EXAMPLES.resolve("local-restore-test.yaml").toString(), "--format", "markdown");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("Accountable"), r.out());
    assertTrue(r.out().contains("Responsible"), r.out());
    assertTrue(r.out().startsWith("|"), r.out());
  }

  @Test
  void graphAsMermaid() {
    Cli.Result r = new Cli(home).run("plan", "graph", EXAMPLES.resolve("approvals-demo.yaml").toString(), "--format", "mermaid");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("flowchart"), r.out());
    assertTrue(r.out().contains("back-to-ehr"), r.out());
  }

  @Test
  void versionAndHelp() {
    Cli.Result version = new Cli(home).run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("drillbook "), version.out());
    Cli.Result help = new Cli(home).run("drill", "start", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--follow"), help.out());
  }

  @Test
  void anUnknownDrillIdIsRefusedBeforeAnythingIsContacted() {
    Cli.Result r = new Cli(home).run("evidence", "verify", "not-a-drill");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("is not a drill or schedule ID"), r.toString());
  }
}
