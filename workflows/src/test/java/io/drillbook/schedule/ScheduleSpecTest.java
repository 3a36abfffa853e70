package io.drillbook.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.drill.TestPlans;
import io.drillbook.plan.Plan;
import io.drillbook.plan.PlanMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSpecTest {

  @Test
  void aScheduleForAPlanTakesItsCronAndZoneAndTheDefaults() {
    ScheduleSpec paris = ScheduleSpec.forPlan(ScheduleId.newId(), planOn("0 3 1 * *", "Europe/Paris"), sha(), "p.yaml", "planner");
    ScheduleSpec utc = ScheduleSpec.forPlan(ScheduleId.newId(), planOn("0 3 1 * *", null), sha(), "p.yaml", "planner");

    assertEquals("0 3 1 * *", paris.cron());
    assertEquals("Europe/Paris", paris.timezone());
    assertEquals("UTC", utc.timezone());
    assertEquals(OverlapPolicy.SKIP, paris.overlap());
    assertEquals(Duration.ZERO, paris.jitter());
    assertEquals(Duration.ofDays(1), paris.retestAfter());
    assertEquals(Duration.ofDays(30), paris.retestWindow());
    assertEquals(Duration.ofDays(5), paris.overdueGrace());
    assertEquals(List.of(), paris.problems());
  }

  @Test
  void everyProblemIsReportedWithItsFix() {
    ScheduleSpec spec = new ScheduleSpec("sch-Test-Tenant", planOn(null, null), "abc", "p.yaml", " ",
        "0 3 1 * * *", "Mars/Olympus", Duration.ofHours(2), OverlapPolicy.QUEUE, Duration.ofDays(10),
        Duration.ofDays(5), Duration.ofDays(-1), true, null, null);

    List<String> problems = spec.problems();

    assertEquals(9, problems.size(), String.join("\n", problems));
    assertTrue(problems.get(0).contains("sch- followed by a ULID"), problems.get(0));
    assertTrue(problems.get(1).contains("64 lower-case hex digits"), problems.get(1));
    assertTrue(problems.get(2).contains("who created it"), problems.get(2));
    assertTrue(problems.get(3).startsWith("bad cron"), problems.get(3));
    assertTrue(problems.get(4).contains("unknown time zone 'Mars/Olympus'"), problems.get(4));
    assertTrue(problems.get(5).contains("jitter"), problems.get(5));
    assertTrue(problems.get(6).contains("retestAfter must be positive and within the retest window"), problems.get(6));
    assertTrue(problems.get(7).contains("grace"), problems.get(7));
    assertTrue(problems.get(8).contains("paused schedule needs the reason"), problems.get(8));
  }

  @Test
  void aPlanWithoutScheduleNeedsACron() {
    ScheduleSpec spec = ScheduleSpec.forPlan(ScheduleId.newId(), planOn(null, null), sha(), "p.yaml", "planner");

    assertTrue(spec.problems().get(0).startsWith("no cron"), spec.problems().toString());
    assertEquals(List.of(), spec.withCron("0 3 * * 1", "Europe/Paris").problems());
  }

  @Test
  void theRetestWindowCannotExceedThirtyDays() {
    ScheduleSpec spec = ScheduleSpec.forPlan(ScheduleId.newId(), planOn("0 3 1 * *", "UTC"), sha(), "p.yaml", "planner")
        .withRetest(Duration.ofDays(1), Duration.ofDays(45));

    assertEquals(List.of("the retest window must be positive and at most 30 days"), spec.problems());
  }

  private static Plan planOn(String cron, String zone) {
    Plan p = TestPlans.plan("monthly-restore").build();
    PlanMetadata m = p.metadata();
    return new Plan(p.apiVersion(), p.kind(),
        new PlanMetadata(m.name(), m.tenant(), m.type(), m.healthData(), m.description(), cron, zone),
        p.objectives(), p.parties(), p.resources(), p.steps(), p.cleanup());
  }

  private static String sha() {
    return "0".repeat(64);
  }
}
