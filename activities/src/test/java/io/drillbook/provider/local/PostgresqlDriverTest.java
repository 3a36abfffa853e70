package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drillbook.drill.ActionResult;
import io.drillbook.plan.Action;
import io.drillbook.provider.ActionFailure;
import io.drillbook.testing.Processes;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The postgresql driver against real PostgreSQL: a test-owned source cluster, scratch clusters under a
 * test work directory, and one round trip on the system cluster (127.0.0.1:5432) with a database of its
 * own. Every scratch cluster is removed at the end and no postgres process of these tests may remain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresqlDriverTest {

  private Path root;
  private Path work;
  private TestSourceCluster source;
  private final PostgresqlDriver driver = new PostgresqlDriver();
  private Steps shared;
  private Map<String, Object> sharedSnapshot;
  private Map<String, Object> sharedRestore;

  @BeforeAll
  void startSource() throws Exception {
    root = Files.createTempDirectory("drillbook-localpg-");
    source = new TestSourceCluster(root);
    work = root.resolve("work");
    shared = steps("drl-shared");
    sharedSnapshot = driver.snapshot(shared.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
    sharedRestore = driver.restore(shared.ctx("restore", Action.RESTORE, Map.of("target", "scratch", "keepFor", "2h"),
        "snapshot", sharedSnapshot)).outputs();
  }

  @AfterAll
  void removeEverything() throws Exception {
    try {
      // A clock a day ahead: every keepFor has passed, and no drill counts as running.
      new ScratchSweeper(work, ClusterOwner.forThisProcess(), Clock.offset(Clock.systemUTC(), Duration.ofDays(1))).sweep(id -> false);
    } finally {
      source.close();
      FileTrees.deleteRecursively(root);
    }
    assertEquals(List.of(), Processes.mentioning(root.toString()), "postgres processes of these tests are still running");
  }

  private Steps steps(String drillId) {
    return new Steps(drillId, work, "postgresql", new HashMap<>(Map.of("dsn", source.dsn())));
  }

  // ---- snapshot, restore, verify ----

  @Test
  void baseBackupRecordsManifestAndTheSourceStateAtSnapshotTime() {
    assertEquals("basebackup", sharedSnapshot.get("method"));
    assertEquals(shared.ctx("snapshot", Action.SNAPSHOT, Map.of()).deterministicName("snapshot"), sharedSnapshot.get("snapshotId"));
    assertTrue(((Number) sharedSnapshot.get("sizeBytes")).longValue() > 1_000_000);
    assertTrue(sharedSnapshot.get("manifestSha256").toString().matches("[0-9a-f]{64}"));
    assertTrue(((Number) sharedSnapshot.get("consistentAtMillis")).longValue() > 0);
    Map<?, ?> counts = (Map<?, ?>) sharedSnapshot.get("rowCounts");
    assertEquals(40L, ((Number) counts.get("public.care_unit")).longValue());
    assertTrue(((Number) counts.get("public.patient_visit")).longValue() >= 1000);
    assertEquals(4, ((Map<?, ?>) sharedSnapshot.get("checksums")).size());
    assertTrue(Files.isRegularFile(Path.of(sharedSnapshot.get("path").toString()).resolve(OwnerMarker.FILE)));
  }

  @Test
  void snapshotRetriedAfterCompletionReturnsTheSameBackup() throws Exception {
    ActionResult again = driver.snapshot(shared.ctx("snapshot", Action.SNAPSHOT, Map.of()));
    assertEquals(sharedSnapshot.get("manifestSha256"), again.outputs().get("manifestSha256"));
    assertFalse(again.observations().isEmpty());
  }

  @Test
  void restoreRetriedFindsTheSameRunningCluster() throws Exception {
    Map<String, Object> again = driver.restore(shared.ctx("restore", Action.RESTORE, Map.of("target", "scratch", "keepFor", "2h"),
        "snapshot", sharedSnapshot)).outputs();
    assertEquals(sharedRestore.get("port"), again.get("port"));
    assertEquals(sharedRestore.get("dataDir"), again.get("dataDir"));
    assertEquals(1, postmastersOf(sharedRestore.get("dataDir").toString()));
    assertTrue(sharedRestore.get("scratchDsn").toString().startsWith("postgresql://127.0.0.1:"));
    assertTrue(((Number) sharedRestore.get("rpoMillis")).longValue() >= 0);
    assertTrue(Instant.parse(sharedRestore.get("expiresAt").toString()).isAfter(Instant.now().plus(Duration.ofMinutes(100))));
  }

  @Test
  void verifyComparesCountsRunsChecksAndHashes() throws Exception {
    Map<String, Object> with = Map.of(
        "rowCounts", Map.of("compareWith", "source", "tolerance", 0),
        // The checks of examples/plans/local-restore-test.yaml, on the demo data.
        "checks", List.of(
            Map.of("name", "recent visits", "query", "select count(*) from patient_visit where visit_date > now() - interval '1 day'",
                "expect", ">= 1"),
            Map.of("name", "no orphan prescriptions", "query",
                "select count(*) from prescription p left join patient_visit v on v.id = p.visit_id where v.id is null", "expect", "== 0")),
        "queries", List.of("select count(*) from lab_result"),
        "checksums", true);
    ActionResult r = driver.verify(shared.ctx("check-data", Action.VERIFY, with, "restore", sharedRestore));
    Map<String, Object> out = r.outputs();
    assertEquals(sharedSnapshot.get("rowCounts"), out.get("rowCounts"));
    assertEquals(sharedSnapshot.get("checksums"), out.get("checksums"));
    for (Object check : (List<?>) out.get("checks")) {
      assertEquals(true, ((Map<?, ?>) check).get("passed"), check.toString());
    }
    Map<?, ?> query = (Map<?, ?>) ((List<?>) out.get("queryResults")).getFirst();
    assertEquals(((Map<?, ?>) sharedSnapshot.get("rowCounts")).get("public.lab_result"), query.get("value"));
  }

  @Test
  void aFailedExpectationFailsTheStep() {
    Map<String, Object> with = Map.of("checks", List.of(Map.of("name", "units", "query", "select count(*) from care_unit", "expect", "== 42")));
    ActionFailure f = assertThrows(ActionFailure.class,
        () -> driver.verify(shared.ctx("check-units", Action.VERIFY, with, "restore", sharedRestore)));
    assertTrue(f.getMessage().contains("check \"units\" returned 40, expected == 42"), f.getMessage());
  }

  @Test
  void verifyRefusesPersonalDataAndAnythingButOneNumber() {
    String email = "jeanne.martin@example.org";
    ActionFailure mail = verifyQuery("select '" + email + "'");
    assertTrue(mail.getMessage().contains("e-mail address"), mail.getMessage());
    assertFalse(mail.getMessage().contains(email));
    ActionFailure nir = verifyQuery("select 285057800608436");
    assertTrue(nir.getMessage().contains("NIR"), nir.getMessage());
    assertFalse(nir.getMessage().contains("285057800608436"));
    assertTrue(verifyQuery("select 'abc'").getMessage().contains("returned a text column"));
    assertTrue(verifyQuery("select generate_series(1, 2)").getMessage().contains("more than one row"));
    assertTrue(verifyQuery("select 1, 2").getMessage().contains("2 columns"));
    assertTrue(verifyQuery("select 1 where false").getMessage().contains("no row"));
  }

  private ActionFailure verifyQuery(String sql) {
    return assertThrows(ActionFailure.class, () -> driver.verify(shared.ctx("check-guard", Action.VERIFY,
        Map.of("queries", List.of(sql)), "restore", sharedRestore)));
  }

  @Test
  void restoredCountsThatDifferFromTheSnapshotFailTheStepNamingTheTable() throws Exception {
    Steps s = steps("drl-mismatch");
    Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
    source.execute("INSERT INTO care_unit SELECT i, 'U-TEST-' || i, 'test', 1 FROM generate_series(1001, 1005) i");
    try {
      Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap)).outputs();
      try (Connection c = PgEndpoint.parse(restored.get("scratchDsn").toString(), "postgres", null, null).connect();
          Statement st = c.createStatement()) {
        st.execute("DELETE FROM lab_result WHERE id % 10 = 0");
      }
      ActionFailure f = assertThrows(ActionFailure.class, () -> driver.verify(s.ctx("check", Action.VERIFY,
          Map.of("rowCounts", Map.of("compareWith", "source")), "restore", restored)));
      assertTrue(f.getMessage().contains("public.lab_result: restored"), f.getMessage());
      assertFalse(f.getMessage().contains("care_unit"), "rows added to the source after the snapshot are not a mismatch");
      driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", restored));
    } finally {
      source.execute("DELETE FROM care_unit WHERE id > 1000");
    }
  }

  @Test
  void aCorruptedBackupFailsPgVerifybackupAtRestore() throws Exception {
    Steps s = steps("drl-corrupt");
    Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
    Path victim;
    try (Stream<Path> files = Files.walk(Path.of(snap.get("path").toString()).resolve("data/base"))) {
      victim = files.filter(p -> p.toFile().isFile() && p.toFile().length() > 8192).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
      f.seek(100);
      f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap)));
    assertTrue(f.getMessage().contains("failed pg_verifybackup") && f.getMessage().contains("take a new snapshot"), f.getMessage());
    // The failed restore recorded no outputs: cleanup still finds what it created, by its marker.
    Map<String, Object> deleted = driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", Map.of())).outputs();
    assertEquals(List.of(work.resolve(s.ctx("restore", Action.RESTORE, Map.of()).deterministicName("restore")).toString()), deleted.get("removed"));
  }

  @Test
  void aHalfMadeBaseBackupIsRedone() throws Exception {
    Steps s = steps("drl-half");
    var ctx = s.ctx("snapshot", Action.SNAPSHOT, Map.of());
    Path dir = work.resolve(ctx.deterministicName("snapshot"));
    Files.createDirectories(dir.resolve("data/base"));
    Files.writeString(dir.resolve("data/base/partial"), "the worker died here");
    OwnerMarker.of(s.drillId, "snapshot", "snapshot", Instant.now(), null).writeTo(dir);
    Map<String, Object> snap = driver.snapshot(ctx).outputs();
    assertFalse(Files.exists(dir.resolve("data/base/partial")));
    assertEquals(sharedSnapshot.get("rowCounts"), snap.get("rowCounts"));
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "snapshot", snap));
  }

  @Test
  void dumpSnapshotRestoresIntoAFreshClusterAndDeleteIsIdempotent() throws Exception {
    Steps s = steps("drl-dump");
    Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of("method", "dump"))).outputs();
    assertEquals("dump", snap.get("method"));
    assertTrue(Files.isRegularFile(Path.of(snap.get("dumpFile").toString())));
    Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of("target", "scratch"), "snapshot", snap)).outputs();
    ActionResult verified = driver.verify(s.ctx("check", Action.VERIFY,
        Map.of("rowCounts", Map.of("compareWith", "source"), "checksums", true), "restore", restored));
    assertEquals(snap.get("checksums"), verified.outputs().get("checksums"));
    Map<String, Object> deleted = driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", restored)).outputs();
    assertEquals(List.of(Path.of(restored.get("dataDir").toString()).getParent().toString()), deleted.get("removed"));
    assertEquals(0, postmastersOf(restored.get("dataDir").toString()));
    Map<String, Object> again = driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", restored)).outputs();
    assertEquals(List.of(), again.get("removed"));
    assertEquals(1, ((List<?>) again.get("alreadyGone")).size());
  }

  @Test
  void aRestoreRetriedAfterItsWorkerDiedStopsTheCopyStillWritingIntoTheCluster() throws Exception {
    Steps s = steps("drl-orphan-copy");
    Path home = work.resolve(s.ctx("restore", Action.RESTORE, Map.of()).deterministicName("restore"));
    Files.createDirectories(home.resolve("data"));
    OwnerMarker.of(s.drillId, "restore", "scratch-cluster", Instant.now(), null).writeTo(home);
    // What a SIGKILLed worker leaves: its child still running, naming the scratch data directory.
    Process orphan = new ProcessBuilder("sh", "-c", "sleep 300", home.resolve("data").toString()).start();
    Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", sharedSnapshot)).outputs();
    assertTrue(orphan.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "the earlier attempt's copy was stopped");
    assertEquals(1, postmastersOf(restored.get("dataDir").toString()));
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", restored));
  }

  @Test
  void aDumpRestoreRetriedWhileTheDeadAttemptsLoadStillHoldsTheDatabaseStartsItOver() throws Exception {
    Steps s = steps("drl-orphan-load");
    Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of("method", "dump"))).outputs();
    Map<String, Object> first = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap)).outputs();
    Path home = Path.of(first.get("dataDir").toString()).getParent();
    // As if the worker died while pg_restore was loading: no completion record, a session still in the database.
    Files.delete(home.resolve("result.json"));
    try (Connection loader = PgEndpoint.parse(first.get("scratchDsn").toString(), "postgres", null, null).connect()) {
      Map<String, Object> retried = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap)).outputs();
      assertEquals(first.get("dataDir"), retried.get("dataDir"));
      assertFalse(loader.isValid(2), "the dead attempt's session was ended");
      driver.verify(s.ctx("check", Action.VERIFY, Map.of("rowCounts", Map.of("compareWith", "source")), "restore", retried));
      driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore", retried));
    }
    driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
  }

  // ---- failover and failback ----

  @Test
  void failoverAndFailbackMeasureRtoAndRpoWithACanary() throws Exception {
    Steps s = steps("drl-failover");
    Map<String, Object> fo = driver.failover(s.ctx("failover", Action.FAILOVER, Map.of("standby", "scratch", "canaryInterval", "50ms"))).outputs();
    assertTrue(((Number) fo.get("rtoMillis")).longValue() > 0, fo.toString());
    assertTrue(((Number) fo.get("rowsLost")).longValue() >= 0);
    assertTrue(((Number) fo.get("rpoMillis")).longValue() >= 0);
    assertNotEquals(fo.get("oldPrimaryPort"), fo.get("newPrimaryPort"));
    assertEquals(0, postmastersOf(fo.get("oldPrimaryDataDir").toString()), "the old primary was crashed");
    ActionResult check = driver.verify(s.ctx("check-new-primary", Action.VERIFY, Map.of("checks", List.of(
        // At least the writes the new primary acknowledged; a crash may lose some of the old primary's.
        Map.of("name", "canary rows", "query", "select count(*) from drillbook_canary", "expect", ">= 3"))), "failover", fo));
    assertEquals(true, ((Map<?, ?>) ((List<?>) check.outputs().get("checks")).getFirst()).get("passed"));

    Map<String, Object> fb = driver.failback(s.ctx("failback", Action.FAILBACK, Map.of("canaryInterval", "50ms"), "failover", fo)).outputs();
    assertTrue(((Number) fb.get("rtoMillis")).longValue() > 0, fb.toString());
    assertEquals(0L, ((Number) fb.get("rowsLost")).longValue(), "a clean hand-back loses nothing");
    assertEquals(fo.get("oldPrimaryDataDir"), fb.get("primaryDataDir"));
    assertEquals(1, postmastersOf(fb.get("primaryDataDir").toString()));

    driver.delete(s.ctx("drop-failback", Action.DELETE, Map.of(), "failback", fb));
    driver.delete(s.ctx("drop-failover", Action.DELETE, Map.of(), "failover", fo));
    assertEquals(0, postmastersOf(fo.get("oldPrimaryDataDir").toString()));
    assertEquals(0, postmastersOf(fo.get("newPrimaryDataDir").toString()));
  }

  @Test
  void failoverFromARestoreUsesTheRestoredClusterAsPrimary() throws Exception {
    Steps s = steps("drl-failover-restore");
    Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", sharedSnapshot)).outputs();
    Map<String, Object> fo = driver.failover(s.ctx("failover", Action.FAILOVER, Map.of(), "restore", restored)).outputs();
    assertEquals(restored.get("dataDir"), fo.get("oldPrimaryDataDir"));
    assertEquals(sharedSnapshot.get("rowCounts"), driver.verify(s.ctx("check", Action.VERIFY,
        Map.of("rowCounts", Map.of("compareWith", "source")), "restore", Map.of("scratchDsn", fo.get("scratchDsn"),
            "sourceRowCounts", sharedSnapshot.get("rowCounts")))).outputs().get("rowCounts"), "the promoted standby has every row");
    driver.delete(s.ctx("drop", Action.DELETE, Map.of()));
    assertEquals(0, postmastersOf(fo.get("newPrimaryDataDir").toString()));
    assertFalse(Files.exists(Path.of(restored.get("dataDir").toString())), "delete without from removes all this drill created");
  }

  // ---- export ----

  @Test
  void csvExportResumesAfterACrashAtTheFirstTableNotInTheManifest() throws Exception {
    Steps s = steps("drl-export");
    String destination = "dir:" + root.resolve("exports");
    ActionResult first = driver.export(s.ctx("export", Action.EXPORT, Map.of("format", "csv", "destination", destination)));
    Map<String, Object> out = first.outputs();
    assertEquals(5, out.get("files"), "schema.sql and one CSV per table");
    assertEquals(sharedSnapshot.get("rowCounts"), out.get("rowCounts"), "rows per table, as COPY wrote them");
    assertTrue(s.heartbeat.beats.stream().anyMatch(b -> b instanceof Progress p && p.itemsTotal() == 4));
    Path dir = Path.of(out.get("path").toString());
    assertEquals(root.resolve("exports").resolve("drl-export").resolve("export"), dir);
    Map<String, Object> counted = driver.verify(s.ctx("check-export", Action.VERIFY,
        Map.of("rowCounts", Map.of("compareWith", "source")), "export", out)).outputs();
    assertEquals(out.get("rowCounts"), counted.get("rowCounts"), "the CSV files hold every row");

    // The worker died while writing the third file: only schema.sql and the first table made it into the manifest.
    Files.delete(dir.resolve("result.json"));
    ExportManifest.Document doc = Json.read(dir.resolve(ExportManifest.FILE), ExportManifest.Document.class);
    List<ExportManifest.Entry> kept = doc.files().subList(0, 2);
    Json.write(dir.resolve(ExportManifest.FILE), new ExportManifest.Document(doc.format(), doc.drillId(), doc.stepId(), doc.source(),
        doc.content(), false, kept));
    String partial = doc.files().get(2).file();
    Files.writeString(dir.resolve(partial), "half a file");
    Map<String, java.nio.file.attribute.FileTime> mtimes = new HashMap<>();
    for (ExportManifest.Entry e : kept) {
      mtimes.put(e.file(), Files.getLastModifiedTime(dir.resolve(e.file())));
    }
    Thread.sleep(20);
    ActionResult resumed = driver.export(s.ctx("export", Action.EXPORT, Map.of("format", "csv", "destination", destination),
        null, null, new FakeHeartbeat(new Progress("exporting tables", 1000, 1, 3, 500))));
    assertTrue(resumed.observations().getFirst().contains("resumed after a restart: 2 file(s)"), resumed.observations().toString());
    for (ExportManifest.Entry e : kept) {
      assertEquals(mtimes.get(e.file()), Files.getLastModifiedTime(dir.resolve(e.file())), e.file() + " was rewritten");
    }
    assertEquals(out.get("totalBytes"), resumed.outputs().get("totalBytes"));
    driver.verify(s.ctx("check-export", Action.VERIFY, Map.of(), "export", resumed.outputs()));

    Files.writeString(dir.resolve(partial), "tampered", java.nio.file.StandardOpenOption.APPEND);
    ActionFailure f = assertThrows(ActionFailure.class,
        () -> driver.verify(s.ctx("check-export", Action.VERIFY, Map.of(), "export", resumed.outputs())));
    assertTrue(f.getMessage().contains(partial + ": size"), f.getMessage());
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "export", resumed.outputs()));
    assertFalse(Files.exists(dir));
  }

  @Test
  void dumpExportOfARestoreIsVerifiedAgainstItsManifest() throws Exception {
    Steps s = steps("drl-export-dump");
    Map<String, Object> out = driver.export(s.ctx("export", Action.EXPORT,
        Map.of("format", "dump", "destination", "dir:" + root.resolve("exports")), "restore", sharedRestore)).outputs();
    assertEquals(1, out.get("files"));
    assertEquals(sharedRestore.get("scratchDsn"), out.get("sourceDsn"));
    assertTrue(((Number) out.get("throughputBytesPerSec")).longValue() > 0);
    Map<String, Object> checked = driver.verify(s.ctx("check", Action.VERIFY, Map.of(), "export", out)).outputs();
    assertEquals(out.get("manifestSha256"), checked.get("manifestSha256"));
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "export", out));
  }

  // ---- faults ----

  @Test
  void anUnreachableDatabaseIsNamedAndRetryable() {
    Steps s = new Steps("drl-unreachable", work, "postgresql", Map.of("dsn", "postgresql://127.0.0.1:" + FreePort.pick() + "/ehr"));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())));
    assertTrue(f.getMessage().contains("cannot reach PostgreSQL"), f.getMessage());
    assertTrue(f.isRetryable());
  }

  @Test
  void wrongCredentialsNameTheReferenceNeverThePassword() {
    Steps s = new Steps("drl-badpw", work, "postgresql",
        Map.of("dsn", source.dsn(), "user", TestSourceCluster.SECRET_USER, "credentialsRef", "env:EHR_DB_PASSWORD"));
    s.secrets = Map.of("env:EHR_DB_PASSWORD", "not-the-password");
    for (String method : List.of("basebackup", "dump")) {
      ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(s.ctx("snapshot-" + method, Action.SNAPSHOT, Map.of("method", method))));
      assertTrue(f.getMessage().contains("wrong credentials") && f.getMessage().contains("env:EHR_DB_PASSWORD"), f.getMessage());
      assertFalse(f.getMessage().contains("not-the-password"));
    }
  }

  @Test
  void thePasswordReachesPgBasebackupThroughTheEnvironment() throws Exception {
    Steps s = new Steps("drl-goodpw", work, "postgresql",
        Map.of("dsn", source.dsn(), "user", TestSourceCluster.SECRET_USER, "credentialsRef", "env:EHR_DB_PASSWORD"));
    s.secrets = Map.of("env:EHR_DB_PASSWORD", TestSourceCluster.SECRET_PASSWORD);
    Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())).outputs();
    assertFalse(snap.toString().contains(TestSourceCluster.SECRET_PASSWORD));
    driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "snapshot", snap));
  }

  @Test
  void missingBinariesSayWhereTheyWereLookedFor() {
    Steps s = new Steps("drl-nobin", work, "postgresql", Map.of("dsn", source.dsn(), "binDir", "/nonexistent/pg/bin"));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())));
    assertTrue(f.getMessage().contains("pg_basebackup not found in config.binDir /nonexistent/pg/bin"), f.getMessage());
  }

  @Test
  void aFullDiskIsReportedAsSuch() throws Exception {
    Steps s = steps("drl-full");
    var ctx = s.ctx("snapshot", Action.SNAPSHOT, Map.of("method", "dump"));
    Path dir = work.resolve(ctx.deterministicName("snapshot"));
    Files.createDirectories(dir);
    OwnerMarker.of(s.drillId, "snapshot", "snapshot", Instant.now(), null).writeTo(dir);
    // Every write to /dev/full fails with ENOSPC, exactly as on a full volume.
    Files.createSymbolicLink(dir.resolve(DumpSnapshot.DUMP_FILE), Path.of("/dev/full"));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(ctx));
    assertTrue(f.getMessage().contains("disk full"), f.getMessage());
  }

  @Test
  void aMissingReplicationEntryInPgHbaGivesTheLineToAdd() {
    Steps s = new Steps("drl-hba", work, "postgresql", Map.of("dsn", source.dsn(), "user", "no_replication"));
    ActionFailure f = assertThrows(ActionFailure.class, () -> driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of())));
    assertTrue(f.getMessage().contains("host replication no_replication 127.0.0.1/32 trust"), f.getMessage());
  }

  @Test
  void deleteRefusesWhatThisDrillDidNotCreate() throws Exception {
    Path foreign = Files.createDirectories(root.resolve("foreign"));
    Files.writeString(foreign.resolve("precious.txt"), "not yours");
    Path other = Files.createDirectories(root.resolve("other-drill"));
    OwnerMarker.of("drl-someone-else", "restore", "scratch-cluster", Instant.now(), null).writeTo(other);
    Steps s = steps("drl-delete");
    ActionFailure noMarker = assertThrows(ActionFailure.class, () -> driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore",
        Map.of("createdResources", List.of(foreign.toString())))));
    assertTrue(noMarker.getMessage().contains("has no drillbook-owner.json"), noMarker.getMessage());
    ActionFailure otherDrill = assertThrows(ActionFailure.class, () -> driver.delete(s.ctx("drop", Action.DELETE, Map.of(), "restore",
        Map.of("createdResources", List.of(other.toString())))));
    assertTrue(otherDrill.getMessage().contains("belongs to drill drl-someone-else"), otherDrill.getMessage());
    assertTrue(Files.exists(foreign.resolve("precious.txt")));
    assertTrue(Files.exists(other));
  }

  @Test
  void theSweeperReclaimsAnExpiredClusterAndWhatEndedDrillsLeft() throws Exception {
    Steps s = steps("drl-sweep");
    Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of("keepFor", "1s"), "snapshot", sharedSnapshot)).outputs();
    Path ended = Files.createDirectories(work.resolve("left_by_ended_drill"));
    OwnerMarker.of("drl-ended", "snapshot", "snapshot", Instant.now(), null).writeTo(ended);
    Thread.sleep(1_200);
    List<ScratchSweeper.Swept> reclaimed = new ScratchSweeper(work).sweep(id -> !id.equals("drl-ended"));
    Path clusterDir = Path.of(restored.get("dataDir").toString()).getParent();
    assertTrue(reclaimed.stream().allMatch(ScratchSweeper.Swept::removed), reclaimed.toString());
    assertTrue(reclaimed.stream().anyMatch(r -> r.path().equals(clusterDir.toString()) && r.reason().startsWith("expired")), reclaimed.toString());
    assertTrue(reclaimed.stream().anyMatch(r -> r.path().equals(ended.toString()) && r.reason().equals("its drill has ended")));
    assertTrue(reclaimed.stream().noneMatch(r -> r.drillId().equals("drl-shared")), "a running drill's resources stay");
    assertFalse(Files.exists(clusterDir));
    assertEquals(0, postmastersOf(restored.get("dataDir").toString()));
  }

  // ---- the system cluster ----

  @Test
  void aDumpRoundTripOnTheSystemClusterWithADatabaseOfItsOwn() throws Exception {
    PgEndpoint system = PgEndpoint.parse("postgresql://127.0.0.1:5432/postgres", "postgres", null, null);
    try (Connection c = system.connect()) {
      assumeTrue(c.isValid(2));
    } catch (java.sql.SQLException e) {
      assumeTrue(false, "no PostgreSQL on 127.0.0.1:5432");
    }
    String db = "drillbook_test_" + Long.toHexString(System.nanoTime());
    DemoDatabase demo = new DemoDatabase(system);
    demo.create(db, 1);
    try {
      Steps s = new Steps("drl-system", work, "postgresql", Map.of("dsn", "postgresql://127.0.0.1:5432/" + db));
      Map<String, Object> snap = driver.snapshot(s.ctx("snapshot", Action.SNAPSHOT, Map.of("method", "dump"))).outputs();
      Map<String, Object> restored = driver.restore(s.ctx("restore", Action.RESTORE, Map.of(), "snapshot", snap)).outputs();
      driver.verify(s.ctx("check", Action.VERIFY, Map.of("rowCounts", Map.of("compareWith", "source")), "restore", restored));
      driver.delete(s.ctx("drop-restore", Action.DELETE, Map.of(), "restore", restored));
      driver.delete(s.ctx("drop-snapshot", Action.DELETE, Map.of(), "snapshot", snap));
    } finally {
      demo.drop(db);
    }
    try (Connection c = system.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + db + "'")) {
      rs.next();
      assertEquals(0, rs.getInt(1));
    }
  }

  // ---- helpers ----

  /** How many postmasters run with this data directory. */
  private static long postmastersOf(String dataDir) throws Exception {
    return Processes.all().stream().filter(a -> a.contains("postgres") && a.contains("-D " + dataDir)).count();
  }
}
