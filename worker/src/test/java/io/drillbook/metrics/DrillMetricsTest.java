package io.drillbook.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.EvidenceEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DrillMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> lookedUp = new ArrayList<>();
  private final Map<String, List<EvidenceEvent>> stored = new HashMap<>();
  private final DrillMetrics metrics = new DrillMetrics(registry, id -> {
    lookedUp.add(id);
    return stored.getOrDefault(id, List.of());
  });

  @Test
  void aPassedDrillCountsItsStartEndStepsAndSetsTheGauges() {
    started("d1", 1, "nightly-restore", "RESTORE_TEST", "SCHEDULE");
    event("d1", 2, "step.started", "restore", Map.of("action", "restore", "resource", "db"));
    event("d1", 3, "step.completed", "restore", Map.of("durationMillis", 90_000));
    completed("d1", 4, "PASSED", 1_800_000L, 60_000L, 5_000_000L);

    assertEquals(1, count("drillbook.drills.started", "plan", "nightly-restore", "type", "RESTORE_TEST", "trigger", "SCHEDULE"));
    assertEquals(1, count("drillbook.drills.completed", "plan", "nightly-restore", "verdict", "PASSED"));
    assertEquals(90.0, registry.get("drillbook.step.duration").tag("action", "restore").timer()
        .totalTime(java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(3600.0, gauge("drillbook.rto.target", "plan", "nightly-restore"));
    assertEquals(900.0, gauge("drillbook.rpo.target", "plan", "nightly-restore"));
    assertEquals(1800.0, gauge("drillbook.achieved.rto", "plan", "nightly-restore"));
    assertEquals(60.0, gauge("drillbook.achieved.rpo", "plan", "nightly-restore"));
    assertEquals(5000.0, gauge("drillbook.last.successful.drill.timestamp", "plan", "nightly-restore", "type", "RESTORE_TEST"));
    assertEquals(List.of(), lookedUp);
  }

  @Test
  void aFailedDrillCountsAsFailedAndLeavesTheLastSuccessAlone() {
    started("d1", 1, "p", "PRA", "MANUAL");
    completed("d1", 2, "PASSED", null, null, 1_000_000L);
    started("d2", 1, "p", "PRA", "MANUAL");
    event("d2", 2, "cleanup.failed", "drop-copy", Map.of("error", "timeout"));
    completed("d2", 3, "FAILED", 10_000L, null, 2_000_000L);

    assertEquals(1, count("drillbook.drills.completed", "plan", "p", "verdict", "FAILED"));
    assertEquals(0, count("drillbook.drills.completed", "plan", "p", "verdict", "ABORTED"), "present at 0 for increase()");
    assertEquals(1000.0, gauge("drillbook.last.successful.drill.timestamp", "plan", "p", "type", "PRA"));
    assertEquals(10.0, gauge("drillbook.achieved.rto", "plan", "p"));
    assertNull(registry.find("drillbook.achieved.rpo").gauge(), "never measured: no series rather than a made-up 0");
    assertEquals(1, registry.get("drillbook.resources.leaked").counter().count());
  }

  @Test
  void pendingApprovalsGoDownWhenDecidedExpiredOrTheDrillEnds() {
    started("d1", 1, "p", "PCA", "API");
    event("d1", 2, "approval.requested", "a", Map.of());
    event("d1", 3, "approval.requested", "b", Map.of());
    event("d1", 4, "approval.requested", "c", Map.of());
    assertEquals(3.0, registry.get("drillbook.pending.approvals").gauge().value());
    event("d1", 5, "approval.granted", "a", Map.of());
    event("d1", 6, "approval.expired", "b", Map.of());
    event("d1", 7, "approval.requested", "manual", Map.of());
    event("d1", 8, "manual.completed", "manual", Map.of());
    assertEquals(1.0, registry.get("drillbook.pending.approvals").gauge().value());
    completed("d1", 9, "ABORTED", null, null, 1L);
    assertEquals(0.0, registry.get("drillbook.pending.approvals").gauge().value());
  }

  @Test
  void aDrillThatStartedOnAnotherWorkerIsLabelledFromItsStoredEvents() {
    stored.put("d9", List.of(storedEvent("d9", "drill.started", null, Map.of("planName", "moved", "planType", "PRA")),
        storedEvent("d9", "step.started", "s", Map.of("action", "snapshot"))));
    event("d9", 3, "step.completed", "s", Map.of("durationMillis", 2_000));
    completed("d9", 4, "PASSED", null, null, 7_000L);

    assertEquals(List.of("d9"), lookedUp);
    assertEquals(1, registry.get("drillbook.step.duration").tag("action", "snapshot").timer().count());
    assertEquals(1, count("drillbook.drills.completed", "plan", "moved", "type", "PRA", "verdict", "PASSED"));
  }

  @Test
  void stepDurationsCarryTheStepsProviderAndUnknownForEventsWrittenBeforeItWasRecorded() {
    started("d1", 1, "p", "RESTORE_TEST", "SCHEDULE");
    event("d1", 2, "step.started", "restore", Map.of("action", "restore", "provider", "local", "resource", "files"));
    event("d1", 3, "step.completed", "restore", Map.of("durationMillis", 4_000));
    event("d1", 4, "step.started", "hold", Map.of("action", "wait", "provider", "none"));
    event("d1", 5, "step.completed", "hold", Map.of("durationMillis", 1_000));
    event("d1", 6, "step.started", "old", Map.of("action", "snapshot"));
    event("d1", 7, "step.completed", "old", Map.of("durationMillis", 2_000));
    stored.put("d2", List.of(storedEvent("d2", "drill.started", null, Map.of("planName", "p", "planType", "PRA")),
        storedEvent("d2", "step.started", "failover", Map.of("action", "failover", "provider", "aws"))));
    event("d2", 3, "step.completed", "failover", Map.of("durationMillis", 3_000));

    assertEquals(4.0, stepSeconds("restore", "local"));
    assertEquals(1.0, stepSeconds("wait", "none"));
    assertEquals(2.0, stepSeconds("snapshot", "unknown"));
    assertEquals(3.0, stepSeconds("failover", "aws"), "rebuilt from the stored step.started");
  }

  private double stepSeconds(String action, String provider) {
    return registry.get("drillbook.step.duration").tags("action", action, "provider", provider).timer()
        .totalTime(java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void theLastSuccessNeverGoesBackInTime() {
    metrics.lastSuccess("p", "RESTORE_TEST", Instant.ofEpochSecond(200));
    metrics.lastSuccess("p", "RESTORE_TEST", Instant.ofEpochSecond(100));
    assertEquals(200.0, gauge("drillbook.last.successful.drill.timestamp", "plan", "p", "type", "RESTORE_TEST"));
  }

  @Test
  void everyDrillbookMetricTheRulesTheDashboardAndTheDocsNameIsExported() throws Exception {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    DrillMetrics exported = new DrillMetrics(prometheus, id -> List.of());
    exported.recorded(new EvidenceAppend("t", "d", 1, "drill.started", null, null, "drillbook", 0,
        Map.of("planName", "p", "planType", "RESTORE_TEST", "trigger", "API", "rtoMillis", 1L, "rpoMillis", 1L)));
    exported.recorded(new EvidenceAppend("t", "d", 2, "step.started", "s", null, "drillbook", 0, Map.of("action", "restore")));
    exported.recorded(new EvidenceAppend("t", "d", 3, "step.completed", "s", null, "drillbook", 0, Map.of("durationMillis", 1)));
    exported.recorded(new EvidenceAppend("t", "d", 4, "drill.completed", null, null, "drillbook", 0,
        Map.of("verdict", "PASSED", "achievedRtoMillis", 1L, "achievedRpoMillis", 1L)));
    String scrape = prometheus.scrape();

    Pattern metric = Pattern.compile("drillbook_[a-z_]+");
    for (String file : List.of("../deploy/prometheus/drillbook-rules.yml", "../deploy/grafana/drillbook-dashboard.json",
        "../docs/metrics.md")) {
      Matcher used = metric.matcher(Files.readString(Path.of(file)));
      int found = 0;
      while (used.find()) {
        found++;
        assertTrue(scrape.contains("\n" + used.group()), file + " uses " + used.group() + ", which is not exported");
      }
      assertTrue(found > 5, file);
    }
  }

  private void started(String drill, long seq, String plan, String type, String trigger) {
    event(drill, seq, "drill.started", null, Map.of("planName", plan, "planType", type, "trigger", trigger,
        "rtoMillis", 3_600_000L, "rpoMillis", 900_000L));
  }

  private void completed(String drill, long seq, String verdict, Long rto, Long rpo, long timeMillis) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("verdict", verdict);
    payload.put("achievedRtoMillis", rto);
    payload.put("achievedRpoMillis", rpo);
    metrics.recorded(new EvidenceAppend("t", drill, seq, "drill.completed", null, null, "drillbook", timeMillis, payload));
  }

  private void event(String drill, long seq, String type, String step, Map<String, Object> payload) {
    metrics.recorded(new EvidenceAppend("t", drill, seq, type, step, null, "drillbook", 0, payload));
  }

  private static EvidenceEvent storedEvent(String drill, String type, String step, Map<String, String> payload) {
    var json = JsonNodeFactory.instance.objectNode();
    payload.forEach(json::put);
    return new EvidenceEvent("t", drill, 1, type, step, null, "drillbook", Instant.EPOCH, json, List.of(), "0", "0");
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }
}
