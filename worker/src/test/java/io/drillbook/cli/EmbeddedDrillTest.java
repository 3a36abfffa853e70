package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `drill start` without TEMPORAL_ADDRESS: embedded server, worker, evidence, in this process. */
class EmbeddedDrillTest {
  private static final Pattern DRILL_ID = Pattern.compile("drill (drl-[0-9a-z]{26}) started");

  @TempDir Path home;
  @TempDir Path work;

  @Test
  void aDirectoryRestoreTestPassesAndItsEvidenceVerifies() throws IOException {
    Path source = Files.createDirectories(work.resolve("records"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(source.resolve("file-" + i + ".txt"), "synthetic content " + i + "\n".repeat(i));
    }
    Path plan = Cli.plan(work, "directory-restore.yaml", Map.of("SOURCE_DIR", source.toString(), "HOLD", "1s"));
    Cli cli = new Cli(home);

    Cli.Result r = cli.run("drill", "start", plan.toString(), "--follow");

    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains(": PASSED"), r.out());
    assertTrue(r.out().contains("verify"), r.out());
    String id = drillId(r);
    Cli.Result verify = cli.run("evidence", "verify", id);
    assertEquals(0, verify.code(), verify.toString());
    assertTrue(verify.out().contains("intact"), verify.out());
    Cli.Result show = cli.run("evidence", "show", id);
    assertTrue(show.out().contains("step.started"), show.out());
    assertTrue(show.out().contains("Accountable"), show.out());
    Cli.Result list = cli.run("drill", "list");
    assertTrue(list.out().contains(id), list.out());
    assertTrue(list.out().contains("PASSED"), list.out());
    assertEquals(0, scratchCopiesLeft(), "cleanup removes the scratch copy");
  }

  @Test
  void aFailingStepGivesExitTwoAndCleanupStillRuns() throws IOException {
    Path plan = Cli.plan(work, "directory-restore.yaml",
        Map.of("SOURCE_DIR", work.resolve("does-not-exist").toString(), "HOLD", "1s"));
    Cli.Result r = new Cli(home).run("drill", "start", plan.toString(), "--follow", "--json");

    assertEquals(2, r.code(), r.toString());
    assertTrue(r.out().contains("\"verdict\" : \"FAILED\""), r.out());
    assertTrue(r.err().contains("snapshot"), r.err());
    Cli.Result show = new Cli(home).run("evidence", "show", drillId(r));
    assertTrue(show.out().contains("step.failed"), show.out());
    assertTrue(show.out().contains("drill.completed"), show.out());
  }

  @Test
  void anInvalidPlanStartsNothing() throws IOException {
    Path plan = work.resolve("invalid.yaml");
    Files.writeString(plan, "apiVersion: drillbook/v1\nkind: Plan\n");
    Cli.Result r = new Cli(home).run("drill", "start", plan.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().contains("nothing was started"), r.err());
  }

  private static String drillId(Cli.Result r) {
    Matcher m = DRILL_ID.matcher(r.out() + r.err());
    assertTrue(m.find(), r.toString());
    return m.group(1);
  }

  private long scratchCopiesLeft() throws IOException {
    Path workDir = home.resolve("work");
    if (!Files.exists(workDir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(workDir, 3)) {
      return s.filter(p -> p.getFileName().toString().startsWith("restore")).count();
    }
  }
}
