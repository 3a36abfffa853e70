package io.drillbook.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.Role;
import io.drillbook.drill.DrillResult;
import io.drillbook.evidence.EvidenceConfig;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill whose evidence store no longer holds an event it acknowledged (another store behind the same
 * Temporal, or a store that lost commits) stops and says so, instead of retrying its next append forever.
 */
class LostEvidenceTest {
  @TempDir Path home;

  // Without the fix the call never returns: the test must fail, not hang the build.
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @Test
  void aDrillWhoseStoreLostAnAcknowledgedEventStopsAndSaysWhy() throws Exception {
    try (ApiFixture f = new ApiFixture(home, Map.of())) {
      String id = f.startWaitingDrill("a-exercise");
      long lost = lastSeq(f, id);

      EvidenceConfig store = EvidenceConfig.fromEnvironment(f.runtime.settings().env());
      try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
          PreparedStatement delete = c.prepareStatement("DELETE FROM evidence_event WHERE drill_id = ? AND seq = ?")) {
        delete.setString(1, id);
        delete.setLong(2, lost);
        assertEquals(1, delete.executeUpdate());
      }

      String oncall = f.token("oncall", Role.MSP_OPERATOR, null);
      assertEquals(200, f.post(oncall, "/drills/" + id + "/steps/prepare/complete", "{}").status());

      WorkflowStub drill = f.temporal.client().newUntypedWorkflowStub(id);
      WorkflowFailedException failed = assertThrows(WorkflowFailedException.class,
          () -> result(drill), "the drill ends instead of retrying its append forever");
      String why = messages(failed);
      assertTrue(why.contains("does not hold seq " + lost) && why.contains("DRILLBOOK_EVIDENCE_URL")
          && why.contains("drillbook evidence verify " + id), why);
      assertEquals(lost - 1, lastSeq(f, id), "nothing was chained onto the hole");
    }
  }

  private static DrillResult result(WorkflowStub drill) throws TimeoutException {
    return drill.getResult(60, TimeUnit.SECONDS, DrillResult.class);
  }

  private static long lastSeq(ApiFixture f, String id) {
    return f.runtime.evidence().events(id).getLast().seq();
  }

  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append(" | ");
    }
    return all.toString();
  }
}
