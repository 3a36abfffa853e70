package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
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
  void outOfOrderIsRetryable() {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class,
        () -> activities.append(SampleDrill.of("tenant-a").stepStarted(2, "snapshot")));
    assertEquals("EvidenceOutOfOrder", failure.getType());
    assertFalse(failure.isNonRetryable());
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
