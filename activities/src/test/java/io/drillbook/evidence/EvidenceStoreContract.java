package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.drillbook.drill.Trigger;
import io.drillbook.drill.Verdict;
import io.drillbook.plan.PlanType;
import io.drillbook.schedule.ScheduleEvent;
import io.drillbook.schedule.ScheduleEvents;
import io.drillbook.schedule.ScheduleId;
import io.temporal.failure.ApplicationFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every evidence store must do, whatever the database: run once on H2 and once on PostgreSQL by the
 * subclasses. Each test works on its own tenant and drills, so one store serves the whole class.
 */
abstract class EvidenceStoreContract {

  /** The store under test, opened once per class by the subclass. */
  abstract EvidenceStore store();

  /** A connection that may UPDATE and DELETE: the tamperer's. */
  abstract Connection ownerConnection() throws SQLException;

  private final String tenant = "tenant-" + UUID.randomUUID();

  private List<EvidenceReceipt> appendAll(List<EvidenceAppend> events) {
    List<EvidenceReceipt> receipts = new ArrayList<>();
    for (EvidenceAppend e : events) {
      receipts.add(store().append(e));
    }
    return receipts;
  }

  private SampleDrill finishedDrill(int steps) {
    SampleDrill drill = SampleDrill.of(tenant);
    appendAll(drill.complete("ehr-db-monthly-restore", "RESTORE_TEST", steps, "PASSED"));
    store().anchor(tenant, drill.drillId());
    return drill;
  }

  private void tamper(String sql, Object... params) throws SQLException {
    try (Connection c = ownerConnection(); PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      assertTrue(st.executeUpdate() > 0, "the tampering statement changed nothing: " + sql);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  private ChainBreak brokenAt(String drillId) {
    ChainVerification result = store().verify(drillId);
    assertFalse(result.intact(), "tampering went unnoticed: " + result.summary());
    return result.firstBreak();
  }

  @Test
  void appendedEventsReadBackInOrderWithTheirChain() {
    SampleDrill drill = SampleDrill.of(tenant);
    List<EvidenceAppend> appended = drill.complete("ehr-db-monthly-restore", "RESTORE_TEST", 1, "PASSED");
    List<EvidenceReceipt> receipts = appendAll(appended);

    List<EvidenceEvent> events = store().events(drill.drillId());
    assertEquals(appended.size(), events.size());
    for (int i = 0; i < events.size(); i++) {
      EvidenceAppend sent = appended.get(i);
      EvidenceEvent read = events.get(i);
      assertEquals(sent.seq(), read.seq());
      assertEquals(sent.type(), read.type());
      assertEquals(sent.stepId(), read.stepId());
      assertEquals(sent.raci(), read.raci());
      assertEquals(sent.actor(), read.actor());
      assertEquals(tenant, read.tenant());
      assertEquals(Instant.ofEpochMilli(sent.timeMillis()), read.time());
      assertEquals(CanonicalJson.tree(sent.payload()), read.payload());
      assertEquals(receipts.get(i), new EvidenceReceipt(read.seq(), read.hash()));
      assertEquals(read.computeHash(), read.hash());
      assertEquals(i == 0 ? EvidenceEvent.GENESIS : receipts.get(i - 1).hash(), read.prevHash());
    }
    assertTrue(store().events("drl-unknown").isEmpty());
  }

  @Test
  void aRetriedAppendReturnsTheStoredReceiptAndWritesNothing() {
    SampleDrill drill = SampleDrill.of(tenant);
    EvidenceReceipt first = store().append(drill.started("p", "PRA"));
    EvidenceReceipt retried = store().append(drill.started("p", "PRA"));
    assertEquals(first, retried);
    assertEquals(1, store().events(drill.drillId()).size());
  }

  @Test
  void concurrentAppendsOfOneSeqLeaveOneRow() throws Exception {
    SampleDrill drill = SampleDrill.of(tenant);
    store().append(drill.started("p", "PRA"));
    int threads = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<EvidenceReceipt>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return store().append(drill.stepStarted(2, "snapshot"));
        }));
      }
      go.countDown();
      HashSet<EvidenceReceipt> receipts = new HashSet<>();
      for (Future<EvidenceReceipt> r : results) {
        receipts.add(r.get());
      }
      assertEquals(1, receipts.size(), "every caller gets the one stored receipt");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, store().events(drill.drillId()).size());
    assertTrue(store().verify(drill.drillId()).intact());
  }

  @Test
  void drillsAppendInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> drills = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        drills.add(pool.submit(() -> finishedDrill(10).drillId()));
      }
      for (Future<String> drill : drills) {
        ChainVerification result = store().verify(drill.get());
        assertTrue(result.intact(), result.summary());
        assertEquals(22, result.eventsChecked());
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(store().verifyTenant(tenant).intact());
  }

  @Test
  void anEventAheadOfItsPredecessorIsRejectedRetryably() {
    SampleDrill drill = SampleDrill.of(tenant);
    EvidenceRejectedException early =
        assertThrows(EvidenceRejectedException.class, () -> store().append(drill.stepStarted(2, "snapshot")));
    assertEquals(EvidenceRejectedException.Reason.OUT_OF_ORDER, early.reason());
    assertTrue(store().events(drill.drillId()).isEmpty());

    store().append(drill.started("p", "PRA"));
    assertEquals(2, store().append(drill.stepStarted(2, "snapshot")).seq(), "the retry succeeds");
  }

  @Test
  void anEventOfAnotherTypeOrStepClaimingAStoredSeqIsAConflict() {
    SampleDrill drill = SampleDrill.of(tenant);
    store().append(drill.started("p", "PRA"));
    store().append(drill.stepStarted(2, "snapshot"));
    EvidenceRejectedException otherType = assertThrows(EvidenceRejectedException.class,
        () -> store().append(drill.event(2, "step.completed", "snapshot", null, Map.of("plan", "other-plan"))));
    assertEquals(EvidenceRejectedException.Reason.CONFLICT, otherType.reason());
    assertFalse(otherType.getMessage().contains("other-plan"), "messages carry no payload content");
    EvidenceRejectedException otherStep =
        assertThrows(EvidenceRejectedException.class, () -> store().append(drill.stepStarted(2, "restore")));
    assertEquals(EvidenceRejectedException.Reason.CONFLICT, otherStep.reason());
  }

  @Test
  void aReplayedEventWithItsOwnTimeKeepsTheFirstRecording() {
    SampleDrill drill = SampleDrill.of(tenant);
    EvidenceReceipt first = store().append(drill.started("p", "PRA"));
    EvidenceAppend original = drill.stepCompleted(2, "snapshot");
    EvidenceReceipt stored = store().append(original);
    EvidenceAppend replayed = new EvidenceAppend(original.tenant(), original.drillId(), 2, original.type(),
        original.stepId(), original.raci(), original.actor(), original.timeMillis() + 4_000, Map.of("durationMillis", 4_321));

    assertEquals(stored, store().append(replayed));
    assertEquals(2, store().events(drill.drillId()).size());
    assertEquals(first.hash(), store().events(drill.drillId()).get(1).prevHash());
    assertTrue(store().verify(drill.drillId()).intact());
  }

  @Test
  void malformedEventsAreInvalid() {
    SampleDrill drill = SampleDrill.of(tenant);
    EvidenceRejectedException invalid =
        assertThrows(EvidenceRejectedException.class, () -> store().append(drill.stepStarted(0, "snapshot")));
    assertEquals(EvidenceRejectedException.Reason.INVALID, invalid.reason());
  }

  @Test
  void personalDataInAPayloadIsWithheldNotStored() {
    SampleDrill drill = SampleDrill.of(tenant);
    store().append(drill.event(1, "step.completed", "check-data", SampleDrill.DBA_STEP,
        Map.of("rowCount", 12, "sample", Map.of("contact", "jeanne.martin@example.fr"))));

    EvidenceEvent stored = store().events(drill.drillId()).get(0);
    assertEquals("[withheld: looks like e-mail address]", stored.payload().at("/sample/contact").asText());
    assertEquals(12, stored.payload().get("rowCount").asInt());
    assertEquals(List.of("$.sample.contact"), stored.withheld());
    assertFalse(CanonicalJson.write(stored.toJson()).contains("jeanne"));
    assertTrue(store().verify(drill.drillId()).intact());
  }

  @Test
  void anIntactAnchoredDrillVerifies() {
    SampleDrill drill = finishedDrill(2);
    ChainVerification result = store().verify(drill.drillId());
    assertTrue(result.intact(), result.summary());
    assertTrue(result.anchored());
    assertEquals(6, result.eventsChecked());
    assertEquals(store().events(drill.drillId()).get(5).hash(), result.lastHash());
  }

  @Test
  void anchoringIsIdempotentAndSealsTheDrill() {
    SampleDrill first = finishedDrill(1);
    SampleDrill drill = SampleDrill.of(tenant);
    List<EvidenceAppend> events = drill.complete("p", "PRA", 1, "PASSED");
    appendAll(events);
    EvidenceReceipt anchor = store().anchor(tenant, drill.drillId());
    assertEquals(anchor, store().anchor(tenant, drill.drillId()));
    assertEquals(2, anchor.seq(), "the tenant's second anchor");

    EvidenceRejectedException sealed = assertThrows(EvidenceRejectedException.class,
        () -> store().append(drill.event(events.size() + 1, "resource.leaked", null, null, Map.of())));
    assertEquals(EvidenceRejectedException.Reason.CONFLICT, sealed.reason());
    assertEquals(EvidenceRejectedException.Reason.CONFLICT,
        assertThrows(EvidenceRejectedException.class, () -> store().anchor("another-tenant", first.drillId()))
            .reason());
    assertTrue(store().verifyTenant(tenant).intact());
  }

  @Test
  void aCompletedDrillWithoutAnchorIsFlagged() {
    SampleDrill drill = SampleDrill.of(tenant);
    appendAll(drill.complete("p", "PRA", 1, "PASSED"));
    ChainBreak unanchored = brokenAt(drill.drillId());
    assertEquals(4, unanchored.seq());
    assertEquals("drill.completed", unanchored.type());

    SampleDrill running = SampleDrill.of(tenant);
    store().append(running.started("p", "PRA"));
    ChainVerification inProgress = store().verify(running.drillId());
    assertTrue(inProgress.intact(), "a running drill is not anchored yet, and that is fine");
    assertFalse(inProgress.anchored());
  }

  @Test
  void aChangedPayloadIsCaughtAtItsSeq() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    tamper("UPDATE evidence_event SET payload = ? WHERE drill_id = ? AND seq = 3",
        "{\"rowCount\":1}", drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(3, broken.seq());
    assertEquals("step.completed", broken.type());
    assertEquals("hash mismatch: row was changed", broken.problem());
  }

  @Test
  void aPayloadThatIsNoLongerJsonIsCaughtAtItsSeq() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    tamper("UPDATE evidence_event SET payload = 'gone' WHERE drill_id = ? AND seq = 5", drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(5, broken.seq());
    assertEquals("hash mismatch: row was changed", broken.problem());
  }

  @Test
  void aRemovedMiddleRowIsCaught() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    tamper("DELETE FROM evidence_event WHERE drill_id = ? AND seq = 3", drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(3, broken.seq());
    assertEquals("seq 3 missing: row removed", broken.problem());
  }

  @Test
  void aRemovedLastRowIsCaughtByTheAnchor() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    tamper("DELETE FROM evidence_event WHERE drill_id = ? AND seq = 6", drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(6, broken.seq());
    assertEquals("seq 6 missing: row removed (the tenant anchor records last seq 6)", broken.problem());
    assertFalse(store().verifyTenant(tenant).intact());
  }

  @Test
  void swappedRowsAreCaughtAsReordered() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    tamper("UPDATE evidence_event SET seq = 1000 WHERE drill_id = ? AND seq = 3", drill.drillId());
    tamper("UPDATE evidence_event SET seq = 3 WHERE drill_id = ? AND seq = 4", drill.drillId());
    tamper("UPDATE evidence_event SET seq = 4 WHERE drill_id = ? AND seq = 1000", drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(3, broken.seq());
    assertEquals("prev_hash does not match seq 2: rows reordered or replaced", broken.problem());
  }

  @Test
  void aRewrittenAndRehashedRowBreaksTheNextLink() throws SQLException {
    SampleDrill drill = finishedDrill(2);
    EvidenceEvent original = store().events(drill.drillId()).get(2);
    EvidenceEvent forged = new EvidenceEvent(original.tenant(), original.drillId(), original.seq(), original.type(),
        original.stepId(), original.raci(), original.actor(), original.time(),
        CanonicalJson.tree(Map.of("rowCount", 1)), original.withheld(), original.prevHash(), null);
    tamper("UPDATE evidence_event SET payload = ?, hash = ? WHERE drill_id = ? AND seq = 3",
        CanonicalJson.write(forged.payload()), forged.computeHash(), drill.drillId());
    ChainBreak broken = brokenAt(drill.drillId());
    assertEquals(4, broken.seq());
    assertEquals("prev_hash does not match seq 3: rows reordered or replaced", broken.problem());
  }

  @Test
  void aDeletedDrillIsNamedByTheTenantChain() throws SQLException {
    finishedDrill(1);
    SampleDrill deleted = finishedDrill(1);
    finishedDrill(1);
    assertTrue(store().verifyTenant(tenant).intact());

    tamper("DELETE FROM evidence_event WHERE drill_id = ?", deleted.drillId());
    TenantVerification result = store().verifyTenant(tenant);
    assertFalse(result.intact());
    assertEquals(2, result.firstBreak().anchorSeq());
    assertEquals(deleted.drillId(), result.firstBreak().drillId());
    assertEquals(1, result.anchorsChecked());
    assertFalse(store().drillIds(tenant).contains(deleted.drillId()));
    assertEquals("seq 1 missing: row removed (the tenant anchor records last seq 4)",
        brokenAt(deleted.drillId()).problem());
  }

  @Test
  void aChangedAnchorIsCaught() throws SQLException {
    SampleDrill drill = finishedDrill(1);
    tamper("UPDATE evidence_anchor SET last_seq = 3 WHERE drill_id = ?", drill.drillId());
    assertEquals("hash mismatch: anchor was changed", store().verifyTenant(tenant).firstBreak().problem());
    assertFalse(store().verify(drill.drillId()).intact());
  }

  @Test
  void drillsAreListedNewestFirstWithFiltersAndPages() {
    Instant t0 = Instant.parse("2026-06-01T08:00:00Z");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      SampleDrill drill = SampleDrill.of(tenant).startingAt(t0.plusSeconds(3600L * i));
      appendAll(drill.complete(i % 2 == 0 ? "ehr-restore" : "pacs-failover",
          i % 2 == 0 ? "RESTORE_TEST" : "FAILOVER_TEST", 1, i == 3 ? "FAILED" : "PASSED"));
      ids.add(drill.drillId());
    }
    SampleDrill running = SampleDrill.of(tenant).startingAt(t0.plusSeconds(3600L * 5));
    store().append(running.started("ehr-restore", "RESTORE_TEST"));
    SampleDrill otherTenant = SampleDrill.of("tenant-" + UUID.randomUUID()).startingAt(t0);
    appendAll(otherTenant.complete("ehr-restore", "RESTORE_TEST", 1, "PASSED"));

    DrillFilter mine = DrillFilter.all().withTenant(tenant);
    List<DrillSummary> all = store().drills(mine);
    assertEquals(List.of(running.drillId(), ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)),
        all.stream().map(DrillSummary::drillId).toList());

    DrillSummary running0 = all.get(0);
    assertNull(running0.verdict());
    assertNull(running0.endedAt());
    DrillSummary failed = all.get(2);
    assertEquals("pacs-failover", failed.planName());
    assertEquals(PlanType.FAILOVER_TEST, failed.planType());
    assertEquals(Verdict.FAILED, failed.verdict());
    assertEquals(Trigger.SCHEDULE, failed.trigger());
    assertEquals("oncall", failed.actor());
    assertEquals("9f2c0a7e".repeat(8), failed.planSha256());
    assertEquals(3_600_000L, failed.achievedRtoMillis());
    assertEquals(60_000L, failed.achievedRpoMillis());
    assertEquals(t0.plusSeconds(3 * 3600 + 1), failed.startedAt());
    assertEquals(t0.plusSeconds(3 * 3600 + 4), failed.endedAt());
    assertEquals(tenant, failed.tenant());

    assertEquals(List.of(ids.get(4), ids.get(2), ids.get(0)), store().drills(mine.withPlan("ehr-restore")
        .withVerdict(Verdict.PASSED)).stream().map(DrillSummary::drillId).toList());
    assertEquals(List.of(ids.get(3), ids.get(1)), store().drills(mine.withType(PlanType.FAILOVER_TEST))
        .stream().map(DrillSummary::drillId).toList());
    assertEquals(List.of(ids.get(2), ids.get(1)), store().drills(mine.startedBetween(t0.plusSeconds(3600),
        t0.plusSeconds(3 * 3600))).stream().map(DrillSummary::drillId).toList());
    assertEquals(List.of(ids.get(3), ids.get(2)), store().drills(mine.page(2, 2)).stream()
        .map(DrillSummary::drillId).toList());
    assertEquals(List.of(ids.get(2)), store().drills(mine.withPlan("ehr-restore").page(1, 2)).stream()
        .map(DrillSummary::drillId).toList());
    assertEquals(List.of(running.drillId()), store().drills(mine.runningOnly().page(1, 0)).stream()
        .map(DrillSummary::drillId).toList(), "the running drill, found in SQL, not by reading the finished ones");
    assertEquals(List.of(), store().drills(mine.runningOnly().page(1, 1)));

    assertEquals(Optional.of(failed), store().drill(ids.get(3)));
    assertEquals(Optional.of(running0), store().drill(running.drillId()));
    assertEquals(Optional.empty(), store().drill("drl-00000000000000000000000000"));

    List<String> everyTenant = store().drills(DrillFilter.all().page(DrillFilter.MAX_LIMIT, 0)).stream()
        .map(DrillSummary::drillId).toList();
    assertTrue(everyTenant.containsAll(ids) && everyTenant.contains(otherTenant.drillId()));

    List<String> expectedIds = new ArrayList<>(ids);
    expectedIds.add(running.drillId());
    assertEquals(expectedIds, store().drillIds(tenant));
    assertNotEquals(store().drillIds(tenant), store().drillIds(otherTenant.tenant()));
  }

  @Test
  void aScheduleStreamIsListedAsAScheduleUntilDeletedAndNeverAsADrill() {
    String scheduleId = ScheduleId.newId();
    ScheduleEvidence schedule = new ScheduleEvidence(store());
    long t0 = Instant.parse("2026-11-03T10:00:00Z").toEpochMilli();
    schedule.record(new ScheduleEvent(tenant, scheduleId, 1, ScheduleEvents.CREATED, "planner", t0, Map.of(
        "planName", "monthly-restore", "planType", "RESTORE_TEST", "planFile", "plans/monthly-restore.yaml",
        "cron", "0 3 1 * *", "timezone", "Europe/Paris")));

    List<ScheduleSummary> listed = store().schedules(tenant);
    assertEquals(1, listed.size());
    ScheduleSummary summary = listed.get(0);
    assertEquals(scheduleId, summary.scheduleId());
    assertEquals("monthly-restore", summary.planName());
    assertEquals("0 3 1 * *", summary.cron());
    assertEquals("Europe/Paris", summary.timezone());
    assertEquals("planner", summary.createdBy());
    assertEquals(Instant.ofEpochMilli(t0), summary.createdAt());
    assertFalse(summary.deleted());
    assertTrue(store().schedules(null).stream().anyMatch(s -> s.scheduleId().equals(scheduleId)));
    assertTrue(store().schedules("tenant-" + UUID.randomUUID()).isEmpty());
    assertTrue(store().drills(DrillFilter.all().withTenant(tenant)).isEmpty());

    schedule.record(new ScheduleEvent(tenant, scheduleId, 2, ScheduleEvents.DELETED, "msp-manager", t0 + 60_000, Map.of()));
    schedule.seal(tenant, scheduleId);
    schedule.seal(tenant, scheduleId);

    assertTrue(store().schedules(tenant).isEmpty());
    ScheduleSummary deleted = store().schedule(scheduleId).orElseThrow();
    assertEquals("msp-manager", deleted.deletedBy());
    assertEquals(Instant.ofEpochMilli(t0 + 60_000), deleted.deletedAt());
    ChainVerification v = store().verify(scheduleId);
    assertTrue(v.intact() && v.anchored(), v.summary());
    assertTrue(store().verifyTenant(tenant).intact());
    ApplicationFailure afterSeal = assertThrows(ApplicationFailure.class, () -> schedule.record(new ScheduleEvent(
        tenant, scheduleId, 3, ScheduleEvents.FIRED, "schedule:" + scheduleId, t0 + 90_000, Map.of())));
    assertEquals("EvidenceConflict", afterSeal.getType());
  }
}
