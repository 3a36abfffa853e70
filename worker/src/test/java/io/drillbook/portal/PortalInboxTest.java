package io.drillbook.portal;

import static io.drillbook.portal.PortalFixture.TENANT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.Role;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.DrillFilter;
import io.drillbook.evidence.SampleDrill;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approvals inbox looks at every running drill, not at a window of the newest drills. */
class PortalInboxTest {
  @TempDir Path home;

  @Test
  void anApprovalLeftWaitingBehindMoreThanAPageOfNewerDrillsIsStillInTheInbox() throws Exception {
    try (PortalFixture f = new PortalFixture(home, Map.of())) {
      String waiting = f.drillWaitingForSignOff("a-exercise");
      // More finished drills of the same client than one listing page holds, all started after the waiting one.
      Instant later = Instant.now().plusSeconds(60);
      for (int i = 0; i <= DrillFilter.MAX_LIMIT; i++) {
        for (EvidenceAppend event : SampleDrill.of(TENANT_A).startingAt(later.plusSeconds(i))
            .complete("a-exercise", "RESTORE_TEST", 0, "PASSED")) {
          f.runtime.evidence().append(event);
        }
      }

      PortalClient client = new PortalClient(f.portal());
      assertEquals(303, client.signIn(f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A)).statusCode());
      HttpResponse<String> inbox = client.get("/portal/approvals");
      assertEquals(200, inbox.statusCode());
      assertTrue(inbox.body().contains(waiting + "/sign-off"), "the sign-off is in the Accountable's inbox");
    }
  }
}
