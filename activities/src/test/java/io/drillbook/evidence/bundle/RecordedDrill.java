package io.drillbook.evidence.bundle;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.Raci;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A restore test appended to a real store the way DrillWorkflowImpl records it: drill.started with objectives,
 * snapshot, restore, verify (row counts, checksums, named checks), an approval gate, a cleanup entry, then
 * drill.completed with the verdict, and the tenant anchor.
 */
public final class RecordedDrill {

  /** When the recorded drills start: 3 November 2026, 09:15 UTC. */
  public static final Instant START = Instant.parse("2026-11-03T09:15:00Z");

  static final Raci DBA = new Raci(List.of("equipe-dba"), "resp-production", List.of("rssi"), List.of("clinique-dsi"));
  static final Raci SIGN_OFF = new Raci(List.of("resp-production"), "dsi-clinique", List.of(), List.of("rssi"));

  private final EvidenceStore store;
  private final String tenant;
  private final String drillId;
  private final Instant start;
  private long seq;
  private long clock;

  /** A restore test that passes: every step succeeds, within its objectives. */
  public static RecordedDrill passing(EvidenceStore store, String tenant) {
    return new RecordedDrill(store, tenant, "drl-" + UUID.randomUUID(), START).recordPassing();
  }

  /** The same drill whose verification fails: verdict FAILED, a corrective action due. */
  public static RecordedDrill failing(EvidenceStore store, String tenant) {
    return new RecordedDrill(store, tenant, "drl-" + UUID.randomUUID(), START).recordFailingVerification();
  }

  RecordedDrill(EvidenceStore store, String tenant, String drillId, Instant start) {
    this.store = store;
    this.tenant = tenant;
    this.drillId = drillId;
    this.start = start;
  }

  public String drillId() {
    return drillId;
  }

  private RecordedDrill recordPassing() {
    begin();
    snapshot();
    restore();
    verify(true);
    signOff("approval.granted", "Restauration conforme, données vérifiées <OK> & signées");
    cleanup();
    complete("PASSED", 14 * 60_000L, null, List.of());
    return this;
  }

  private RecordedDrill recordFailingVerification() {
    begin();
    snapshot();
    restore();
    verify(false);
    cleanup();
    complete("FAILED", null, "step 'verify-data' failed: row count of public.sejours differs: 18 200 instead of 18 240",
        List.of());
    return this;
  }

  void append(String type, String stepId, Raci raci, String actor, long afterMillis, Map<String, Object> payload) {
    clock += afterMillis;
    store.append(new EvidenceAppend(tenant, drillId, ++seq, type, stepId, raci, actor,
        start.toEpochMilli() + clock, payload));
  }

  long seq() {
    return seq;
  }

  private void begin() {
    append("drill.started", null, null, "m.durand", 0, map(
        "planName", "Restauration quotidienne — base DPI", "planType", "RESTORE_TEST",
        "planSha256", "4be1f0c2d9a7e3b5".repeat(4), "planFile", "plans/dpi-restore.yaml", "trigger", "MANUAL",
        "actor", "m.durand", "tenant", tenant, "rtoMillis", Duration.ofMinutes(30).toMillis(),
        "rpoMillis", Duration.ofHours(24).toMillis(), "stepCount", 4, "cleanupCount", 1));
  }

  private void snapshot() {
    append("step.started", "snapshot-dpi", DBA, "drillbook", 1_200, map("action", "snapshot", "resource", "dpi-db"));
    append("step.completed", "snapshot-dpi", DBA, "drillbook", 95_000, map("outputs", map(
        "snapshotId", "snap-20261103-0915", "method", "pg_basebackup", "sizeBytes", 48_213_000_000L,
        "manifestSha256", "9c1d".repeat(16), "consistentAtMillis", start.toEpochMilli() - 3_600_000,
        "requestId", "req-7f3a-22b1"), "observations", List.of(), "durationMillis", 95_000));
  }

  private void restore() {
    append("step.started", "restore-dpi", DBA, "drillbook", 800, map("action", "restore", "resource", "dpi-db",
        "from", "snapshot-dpi"));
    append("step.completed", "restore-dpi", DBA, "drillbook", 9 * 60_000, map("outputs", map(
        "scratchDsn", "postgresql://restore-7@10.0.4.12:5433/dpi", "snapshotId", "snap-20261103-0915",
        "rpoMillis", 3_600_000, "durationMillis", 540_000, "requestIds", List.of("req-81c2", "req-81c3")),
        "observations", List.of("scratch instance kept 2 h for the client's own checks"), "durationMillis", 540_000));
  }

  private void verify(boolean passes) {
    Map<String, Object> rowCounts = new LinkedHashMap<>();
    rowCounts.put("public.patients_pseudo", 125_400);
    rowCounts.put("public.sejours", passes ? 18_240 : 18_200);
    rowCounts.put("public.actes", 402_118);
    append("step.started", "verify-data", DBA, "drillbook", 500, map("action", "verify", "resource", "dpi-db",
        "from", "restore-dpi"));
    if (passes) {
      append("step.completed", "verify-data", DBA, "drillbook", 4 * 60_000, map("outputs", map(
          "tables", 3, "rowCounts", rowCounts,
          "checksums", map("public.patients_pseudo", "md5:1f0e4c", "public.sejours", "md5:77ab01", "public.actes",
              "md5:c3d9e2"),
          "checks", List.of(map("name", "sejours sans patient", "value", 0, "expect", "= 0", "passed", true),
              map("name", "actes du jour", "value", 1_204, "expect", "> 0", "passed", true)),
          "durationMillis", 240_000), "observations", List.of(), "durationMillis", 240_000));
    } else {
      append("step.failed", "verify-data", DBA, "drillbook", 4 * 60_000, map(
          "error", "row count of public.sejours differs: 18 200 instead of 18 240", "errorClass", "VerifyMismatch",
          "attempt", 1, "onFailure", "abort", "durationMillis", 240_000));
    }
  }

  private void signOff(String decision, String comment) {
    append("step.started", "sign-off", SIGN_OFF, "drillbook", 1_000, map("action", "approval"));
    append("approval.requested", "sign-off", SIGN_OFF, "drillbook", 100, map("action", "approval",
        "deciders", List.of("dsi-clinique"), "timeoutMillis", 4 * 3_600_000, "onTimeout", "fail"));
    append(decision, "sign-off", SIGN_OFF, "a.martin", 6 * 60_000, map("actor", "a.martin", "comment", comment));
    append("step.completed", "sign-off", SIGN_OFF, "drillbook", 50, map("outputs", map("decision", "approved",
        "decidedBy", "a.martin"), "observations", List.of(), "durationMillis", 6 * 60_000 + 150));
  }

  private void cleanup() {
    append("cleanup.started", "drop-scratch", DBA, "drillbook", 2_000, map("action", "delete", "resource", "dpi-db",
        "from", "restore-dpi"));
    append("cleanup.completed", "drop-scratch", DBA, "drillbook", 20_000, map("outputs", map("removed", 1,
        "alreadyGone", 0, "durationMillis", 20_000), "observations", List.of(), "durationMillis", 20_000));
  }

  private void complete(String verdict, Long achievedRto, String failureReason, List<String> observations) {
    Map<String, Object> payload = map("verdict", verdict, "achievedRpoMillis", 3_600_000,
        "rpoMeasuredBy", "provider (step restore-dpi)", "observations", new ArrayList<>(observations),
        "durationMillis", clock + 1_000);
    if (achievedRto != null) {
      payload.put("achievedRtoMillis", achievedRto);
      payload.put("rtoMeasuredBy", "restore-to-verified span");
    }
    if (failureReason != null) {
      payload.put("failureReason", failureReason);
    }
    append("drill.completed", null, null, "drillbook", 1_000, payload);
    store.anchor(tenant, drillId);
  }

  /** An ordered map of alternating keys and values, as the workflow's Payload builds them. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
