package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.EvidenceActivities;
import io.drillbook.drill.EvidenceAppend;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How store refusals reach Temporal: retryable or not, and under which failure type. */
class EvidenceActivitiesImplTest {

  @TempDir static Path home;
  private static EvidenceStore store;
  private static EvidenceActivitiesImpl activities;

  @BeforeAll
  static void open() {
    store = EvidenceStore.open(EvidenceConfig.h2(home));
    activities = new EvidenceActivitiesImpl(store);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void appendAndAnchorDelegateToTheStore() {
    SampleDrill drill = SampleDrill.of("tenant-a");
    drill.complete("p", "PRA", 1, "PASSED").forEach(activities::append);
    assertEquals(1, activities.anchor("tenant-a", drill.drillId()).seq());
    assertTrue(store.verify(drill.drillId()).intact());
  }

  @Test
  void theListenerHearsOfEachStoredEventOnceHoweverOftenItIsAppended() {
    List<Long> heard = new ArrayList<>();
    EvidenceActivitiesImpl counting = new EvidenceActivitiesImpl(store, e -> heard.add(e.seq()));
    SampleDrill drill = SampleDrill.of("tenant-a");
    EvidenceAppend started = drill.started("p", "PRA");
    counting.append(started);
    counting.append(started);
    // A replay on another worker: same occurrence, later clock; the first recording stands, uncounted.
    counting.append(new EvidenceAppend(started.tenant(), started.drillId(), 1, started.type(), null, null,
        started.actor(), started.timeMillis() + 5_000, started.payload()));
    counting.append(drill.stepStarted(2, "snapshot"));
    assertEquals(List.of(1L, 2L), heard);
  }

  @Test
  void aMissingPredecessorIsNotRetriedAndSaysWhereToLook() {
    SampleDrill drill = SampleDrill.of("tenant-a");
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities.append(drill.stepStarted(2, "snapshot")));
    assertEquals(EvidenceActivities.LOST, failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().contains("does not hold seq 1")
        && failure.getOriginalMessage().contains("drillbook evidence verify " + drill.drillId()), failure.getMessage());
  }

  @Test
  void aConflictIsNotRetryable() {
    SampleDrill drill = SampleDrill.of("tenant-a");
    activities.append(drill.started("p", "PRA"));
    ApplicationFailure failure =
        assertThrows(ApplicationFailure.class, () -> activities.append(drill.stepStarted(1, "snapshot")));
    assertEquals("EvidenceConflict", failure.getType());
    assertTrue(failure.isNonRetryable());

    ApplicationFailure nothingToAnchor =
        assertThrows(ApplicationFailure.class, () -> activities.anchor("tenant-a", "drl-never-started"));
    assertEquals("EvidenceConflict", nothingToAnchor.getType());
  }

  @Test
  void aMalformedEventIsNotRetryable() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> activities.append(SampleDrill.of("tenant-a").stepStarted(-1, "snapshot")));
    assertEquals("EvidenceInvalid", failure.getType());
    assertTrue(failure.isNonRetryable());
  }
}
