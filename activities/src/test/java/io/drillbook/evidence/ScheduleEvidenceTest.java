package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.schedule.ScheduleEvent;
import io.drillbook.schedule.ScheduleEvents;
import io.drillbook.schedule.ScheduleId;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule's evidence stream on the store: what the scheduler's retries rely on. Listing schedules is part of
 * the store contract ({@link EvidenceStoreContract}), run on H2 and PostgreSQL.
 */
class ScheduleEvidenceTest {

  @TempDir static Path home;
  private static EvidenceStore store;
  private static ScheduleEvidence evidence;

  private final String tenant = "tenant-" + UUID.randomUUID();
  private final String scheduleId = ScheduleId.newId();
  private final long start = Instant.parse("2026-11-03T10:00:00Z").toEpochMilli();

  @BeforeAll
  static void open() {
    store = EvidenceStore.open(EvidenceConfig.h2(home));
    evidence = new ScheduleEvidence(store);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private ScheduleEvent event(long seq, String type, String actor, long timeMillis, Map<String, Object> payload) {
    return new ScheduleEvent(tenant, scheduleId, seq, type, actor, timeMillis, payload);
  }

  private ScheduleEvent created() {
    return event(1, ScheduleEvents.CREATED, "planner", start, Map.of("planName", "monthly-restore",
        "planType", "RESTORE_TEST", "planFile", "plans/monthly-restore.yaml", "cron", "0 3 1 * *",
        "timezone", "Europe/Paris"));
  }

  @Test
  void aRetriedRecordIsStoredOnceAndTheFirstRecordingStands() {
    evidence.record(created());
    evidence.record(created());
    ScheduleEvent paused = event(2, ScheduleEvents.PAUSED, "oncall", start + 1_000, Map.of("reason", "change freeze"));
    evidence.record(paused);
    // A workflow task replayed after a worker crash sends the same seq again with its own, later clock.
    evidence.record(event(2, ScheduleEvents.PAUSED, "oncall", start + 5_000, Map.of("reason", "change freeze")));

    List<EvidenceEvent> events = store.events(scheduleId);
    assertEquals(2, events.size());
    assertEquals(List.of(ScheduleEvents.CREATED, ScheduleEvents.PAUSED), events.stream().map(EvidenceEvent::type).toList());
    assertEquals("oncall", events.get(1).actor());
    assertEquals(tenant, events.get(1).tenant());
    assertEquals(Instant.ofEpochMilli(start + 1_000), events.get(1).time());
    ChainVerification v = store.verify(scheduleId);
    assertTrue(v.intact(), v.summary());
    assertFalse(v.anchored(), "a live schedule's stream is not anchored");
  }

  @Test
  void aGapIsRetriedAndAnotherEventAtATakenSeqIsNot() {
    evidence.record(created());

    ApplicationFailure early = assertThrows(ApplicationFailure.class,
        () -> evidence.record(event(3, ScheduleEvents.RESUMED, "oncall", start, Map.of())));
    assertEquals("EvidenceOutOfOrder", early.getType());
    assertFalse(early.isNonRetryable());

    ApplicationFailure conflict = assertThrows(ApplicationFailure.class,
        () -> evidence.record(event(1, ScheduleEvents.DELETED, "oncall", start, Map.of())));
    assertEquals("EvidenceConflict", conflict.getType());
    assertTrue(conflict.isNonRetryable());
  }

  @Test
  void onlyScheduleIdsAndScheduleTypesAreAccepted() {
    ApplicationFailure drillId = assertThrows(ApplicationFailure.class, () -> evidence.record(
        new ScheduleEvent(tenant, "drl-01jh5v3k6q8w9x2c4m7n0p1r3s", 1, ScheduleEvents.CREATED, "planner", start, Map.of())));
    assertEquals("EvidenceInvalid", drillId.getType());
    assertTrue(drillId.isNonRetryable());

    ApplicationFailure drillType = assertThrows(ApplicationFailure.class,
        () -> evidence.record(event(1, "drill.started", "planner", start, Map.of())));
    assertEquals("EvidenceInvalid", drillType.getType());
    assertTrue(store.events(scheduleId).isEmpty());
  }
}
