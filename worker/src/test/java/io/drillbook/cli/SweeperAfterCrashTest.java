package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.DrillSummary;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.runtime.DrillbookRuntime;
import io.drillbook.runtime.DrillbookSettings;
import io.drillbook.runtime.TemporalConnection;
import io.drillbook.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded {@code drill start} killed with SIGKILL while its restored scratch cluster runs: the drill's
 * Temporal history died with the process, so nothing will ever clean up after it. The next worker on the
 * same home sweeps at start: it stops and removes the cluster and the snapshot, and records them as an
 * anchored evidence stream of the drill's tenant.
 */
class SweeperAfterCrashTest {
  private static final String TENANT = "test-clinic";

  @TempDir Path home;
  @TempDir Path logs;

  @Test
  void whatAKilledDrillLeftIsReclaimedByTheNextWorkerAndRecorded() throws Exception {
    // Scratch clusters run as postgres when the tests run as root: it must reach the work directory.
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = home.resolve("work");
    try (TestDemoDatabase source = TestDemoDatabase.create(2);
        // Opened first, so this JVM serves the H2 file to the drill's process (AUTO_SERVER).
        EvidenceStore evidence = EvidenceStore.open(EvidenceConfig.h2(home))) {
      Path planFile = Cli.plan(logs, "postgres-restore.yaml", Map.of("DSN", source.dsn(), "HOLD", "10m"));
      Process drill = ChildCli.start(home, null, logs.resolve("drill.log"), "drill", "start", planFile.toString());
      String id;
      try {
        id = awaitDrillId(evidence);
        DrillEvidence.await(evidence, id, "step.started", "hold");
      } finally {
        ChildCli.kill(drill);
      }
      List<WorkDirectory.Owned> left = WorkDirectory.ownedBy(work, id);
      assertEquals(Set.of("snapshot", "restore"), left.stream().map(WorkDirectory.Owned::stepId).collect(Collectors.toSet()));
      Path cluster = left.stream().filter(o -> o.stepId().equals("restore")).findFirst().orElseThrow().dir();
      assertFalse(Processes.mentioning(cluster.toString()).isEmpty(), "the killed drill left its scratch cluster running");

      DrillbookSettings settings = DrillbookSettings.fromEnvironment(Map.of("DRILLBOOK_HOME", home.toString()));
      String stream;
      try (TemporalConnection temporal = TemporalConnection.embedded(0);
          DrillbookRuntime runtime = DrillbookRuntime.open(settings)) {
        runtime.startWorker(temporal.client());
        stream = awaitAnchoredStreamBeside(evidence, id);
      }

      assertEquals(List.of(), WorkDirectory.ownedBy(work, id));
      assertEquals(List.of(), Processes.mentioning(home.toString()), "a PostgreSQL server of the drill is still running");
      List<EvidenceEvent> events = evidence.events(stream);
      assertEquals(List.of("sweep.started", "resource.reclaimed", "resource.reclaimed", "sweep.completed"),
          events.stream().map(EvidenceEvent::type).toList());
      for (EvidenceEvent e : events) {
        assertEquals(TENANT, e.tenant());
        assertEquals("drillbook-sweeper", e.actor());
      }
      Map<String, String> kinds = events.subList(1, 3).stream().collect(Collectors.toMap(
          e -> e.payload().get("stepId").asText(), e -> e.payload().get("kind").asText()));
      assertEquals(Map.of("snapshot", "snapshot", "restore", "scratch-cluster"), kinds);
      for (EvidenceEvent e : events.subList(1, 3)) {
        assertEquals(id, e.payload().get("drillId").asText());
        assertEquals("its drill has ended", e.payload().get("reason").asText());
      }
      assertEquals(2, events.get(3).payload().get("reclaimed").asInt());
      ChainVerification chain = evidence.verify(stream);
      assertTrue(chain.intact() && chain.anchored(), chain.summary());
      assertTrue(evidence.verifyTenant(TENANT).intact(), evidence.verifyTenant(TENANT).summary());
      assertEquals(List.of(id), evidence.drills(DrillFilter.all().withTenant(TENANT)).stream().map(DrillSummary::drillId).toList(),
          "a sweep is not listed as a drill");
    }
  }

  private static String awaitDrillId(EvidenceStore evidence) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      List<String> ids = evidence.drillIds(TENANT);
      if (!ids.isEmpty()) {
        return ids.getFirst();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the drill never started");
  }

  /** The first stream of the tenant other than {@code drillId}, once anchored (the sweep's last step). */
  private static String awaitAnchoredStreamBeside(EvidenceStore evidence, String drillId) throws InterruptedException {
    for (int i = 0; i < 1200; i++) {
      for (String other : evidence.drillIds(TENANT)) {
        if (!other.equals(drillId) && evidence.verify(other).anchored()) {
          return other;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the sweeper recorded nothing for tenant " + TENANT);
  }
}
