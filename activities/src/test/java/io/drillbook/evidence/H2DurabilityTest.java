package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drillbook.drill.EvidenceAppend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An append the H2 store acknowledged survives a SIGKILL of the process that hosts the database file. Temporal
 * records a local activity's success in the drill's history, so a lost acknowledged event can never be
 * written again: the drill's next append would wait forever for its predecessor. H2 keeps committed changes in
 * memory for up to a second by default; the store's URL turns that delay off.
 */
class H2DurabilityTest {
  private static final int EVENTS = 20;

  @TempDir Path home;

  @Test
  void everyAcknowledgedAppendSurvivesAKillOfTheProcessHostingTheDatabase() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AppendThenWait.class.getName(), home.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("appended")) {
        // the child's other output (none expected) is skipped
      }
      assertEquals("appended", line, "the child process ended before appending");
    } finally {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (EvidenceStore store = EvidenceStore.open(EvidenceConfig.h2(home))) {
      assertEquals(EVENTS, store.events(AppendThenWait.DRILL).size(), "events acknowledged before the kill were lost");
    }
  }

  /** The child: opens the store (so it hosts the H2 file), appends, says so, then waits to be killed. */
  public static final class AppendThenWait {
    static final String DRILL = "drl-01durabilitytest000000000";

    public static void main(String[] args) throws Exception {
      EvidenceStore store = EvidenceStore.open(EvidenceConfig.h2(Path.of(args[0])));
      for (int seq = 1; seq <= EVENTS; seq++) {
        store.append(new EvidenceAppend("test-clinic", DRILL, seq, seq == 1 ? "drill.started" : "step.started",
            seq == 1 ? null : "step-" + seq, null, "drillbook", 1_700_000_000_000L + seq, Map.of("n", seq)));
      }
      System.out.println("appended");
      System.out.flush();
      Thread.sleep(60_000L);
    }
  }
}
