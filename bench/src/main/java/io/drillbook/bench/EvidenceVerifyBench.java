package io.drillbook.bench;

import io.drillbook.drill.DrillId;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.plan.Raci;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code evidence verify} speed on one drill of N events (default 100,000), on H2 and, when reachable, on
 * the PostgreSQL at 127.0.0.1:5432 (in a database it creates and drops). The baseline, measured in the same
 * run, is the bare cost of the work verification cannot avoid: SHA-256 over the same canonical JSON bytes in
 * memory. The ratio says what reading rows from the database and checking links adds to that.
 *
 * <p>Usage: EvidenceVerifyBench [events=100000] [rounds=5]
 */
public final class EvidenceVerifyBench {

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path home = Files.createTempDirectory("drillbook-verify-bench-");
    try (EvidenceStore h2 = EvidenceStore.open(EvidenceConfig.h2(home))) {
      measure("H2 (file)", h2, events, rounds);
    }
    String db = "drillbook_bench_" + Long.toHexString(System.nanoTime());
    String admin = "jdbc:postgresql://127.0.0.1:5432/postgres";
    try (Connection c = DriverManager.getConnection(admin, "postgres", null); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    } catch (java.sql.SQLException e) {
      System.out.println("PostgreSQL at 127.0.0.1:5432 not reachable (" + e.getMessage() + "): skipped");
      return;
    }
    try (EvidenceStore pg = EvidenceStore.open(
        new EvidenceConfig("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", null, true))) {
      measure("PostgreSQL 15", pg, events, rounds);
    } finally {
      try (Connection c = DriverManager.getConnection(admin, "postgres", null); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + db + " WITH (FORCE)");
      }
    }
  }

  private static void measure(String name, EvidenceStore store, int events, int rounds) throws Exception {
    String drill = DrillId.newId();
    long t0 = System.nanoTime();
    Raci raci = new Raci(List.of("msp-dba"), "msp-manager", List.of(), List.of("client"));
    long time = 1_764_000_000_000L;
    for (int seq = 1; seq <= events; seq++) {
      store.append(new EvidenceAppend("bench-tenant", drill, seq, seq % 2 == 0 ? "step.completed" : "step.started",
          "step-" + (seq / 2), raci, "bench", time + seq,
          Map.of("rowCounts", Map.of("public.patient_visit", 12_345 + seq, "public.prescription", 6_789), "durationMillis", seq % 1000)));
    }
    store.anchor("bench-tenant", drill);
    double appendSeconds = (System.nanoTime() - t0) / 1e9;
    List<EvidenceEvent> rows = store.events(drill);
    List<byte[]> canonical = rows.stream().map(e -> {
      var json = e.toJson();
      json.remove("hash");
      return io.drillbook.evidence.CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8);
    }).toList();

    store.verify(drill);
    baseline(canonical);
    double[] verify = new double[rounds];
    double[] hash = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long s = System.nanoTime();
      ChainVerification v = store.verify(drill);
      verify[r] = (System.nanoTime() - s) / 1e9;
      if (!v.intact() || v.eventsChecked() != events) {
        throw new IllegalStateException("bench chain did not verify: " + v.summary());
      }
      s = System.nanoTime();
      baseline(canonical);
      hash[r] = (System.nanoTime() - s) / 1e9;
    }
    double medVerify = median(verify);
    double medHash = median(hash);
    System.out.printf("%s: %,d events (appended in %.1f s, %,.0f events/s)%n", name, events, appendSeconds, events / appendSeconds);
    System.out.printf("  evidence verify:          median %.3f s = %,.0f events/s (min %.3f, max %.3f)%n",
        medVerify, events / medVerify, Arrays.stream(verify).min().orElse(0), Arrays.stream(verify).max().orElse(0));
    System.out.printf("  baseline SHA-256 in RAM:  median %.3f s = %,.0f events/s%n", medHash, events / medHash);
    System.out.printf("  ratio verify/baseline:    %.1f%n", medVerify / medHash);
  }

  /** Hashes every event's canonical bytes and chains the hex digests, as verification must. */
  private static String baseline(List<byte[]> canonical) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    String last = "";
    for (byte[] b : canonical) {
      last = HexFormat.of().formatHex(sha.digest(b));
    }
    return last;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
