package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verification streams: a drill of 50,000 events (far beyond any real drill) verifies in about half a second
 * on H2. The floor asserted is loose, for shared build machines; the log line gives the figure.
 */
class VerifySpeedTest {

  private static final Logger log = LoggerFactory.getLogger(VerifySpeedTest.class);
  private static final int EVENTS = 50_000;
  private static final double FLOOR_EVENTS_PER_SECOND = 20_000;

  @Test
  void aLongDrillVerifiesFast(@TempDir Path home) throws SQLException {
    EvidenceConfig config = EvidenceConfig.h2(home);
    try (EvidenceStore store = EvidenceStore.open(config)) {
      SampleDrill drill = SampleDrill.of("tenant-a");
      insertChain(config, drill);

      double best = 0;
      for (int run = 0; run < 3; run++) {
        long start = System.nanoTime();
        ChainVerification result = store.verify(drill.drillId());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(result.intact(), result.summary());
        assertEquals(EVENTS, result.eventsChecked());
        best = Math.max(best, EVENTS / seconds);
      }
      log.info("Verified {} events on H2 at {} events/s (best of 3 runs)", EVENTS, Math.round(best));
      assertTrue(best > FLOOR_EVENTS_PER_SECOND, "verification ran at only " + Math.round(best) + " events/s");
    }
  }

  /**
   * Writes the chain in batches, bypassing append's per-event transaction and payload checks: this test
   * measures reading. Every event is the same step.completed, re-linked and re-hashed.
   */
  private static void insertChain(EvidenceConfig config, SampleDrill drill) throws SQLException {
    StoredEvent template = StoredEvent.seal(drill.stepCompleted(1, "restore"), EvidenceEvent.GENESIS);
    try (Connection c = DriverManager.getConnection(config.jdbcUrl());
        PreparedStatement st = c.prepareStatement(EvidenceSql.INSERT_EVENT)) {
      c.setAutoCommit(false);
      String prev = EvidenceEvent.GENESIS;
      for (int seq = 1; seq <= EVENTS; seq++) {
        StoredEvent e = new StoredEvent(template.tenant(), template.drillId(), seq, template.type(),
            template.stepId(), template.raciJson(), template.actor(), template.time().plusMillis(seq),
            template.payloadJson(), template.withheldJson(), prev, null).withComputedHash();
        EvidenceSql.bindEvent(st, e);
        st.addBatch();
        prev = e.hash();
        if (seq % 1000 == 0) {
          st.executeBatch();
        }
      }
      c.commit();
    }
  }
}
