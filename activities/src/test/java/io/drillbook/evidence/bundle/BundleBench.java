package io.drillbook.evidence.bundle;

import io.drillbook.drill.EvidenceAppend;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.report.DrillReport;
import io.drillbook.evidence.report.ReportLanguage;
import io.drillbook.plan.Raci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How long exporting and verifying a bundle takes for a drill of 10,000 events (far beyond a real drill, which has
 * tens of steps): appends the drill through a real H2 store, then times export and offline verification, median of
 * 5 runs after a warm-up. Not a test; docs/evidence-bundle.md says how to run it.
 *
 * <p>Arguments: the number of events (default 10,000), the number of timed runs (default 5).
 */
public final class BundleBench {

  private static final Raci RACI = new Raci(List.of("equipe-dba"), "resp-production", List.of("rssi"), List.of("dsi"));

  private BundleBench() {}

  public static void main(String[] args) throws IOException {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path home = Files.createTempDirectory("drillbook-bundle-bench-");
    try (EvidenceStore store = EvidenceStore.open(EvidenceConfig.h2(home))) {
      long start = System.nanoTime();
      String drillId = record(store, events);
      System.out.printf(Locale.ROOT, "appended %,d events through EvidenceStore.append in %,d ms%n", events,
          (System.nanoTime() - start) / 1_000_000);
      SigningKeys keys = SigningKeys.loadOrCreate(home.resolve("keys"));
      Path zip = home.resolve("bundle.zip");

      List<Long> export = new ArrayList<>();
      List<Long> verify = new ArrayList<>();
      List<Long> pdf = new ArrayList<>();
      for (int run = 0; run <= runs; run++) {
        long t0 = System.nanoTime();
        EvidenceBundle.export(store, drillId, zip, Locale.FRENCH, keys);
        long t1 = System.nanoTime();
        BundleVerification v = BundleVerifier.verify(zip, Optional.of(keys.publicKey()));
        long t2 = System.nanoTime();
        if (!v.valid()) {
          throw new IllegalStateException("the benchmark's bundle does not verify:\n" + v.summary());
        }
        DrillReport.of(store.events(drillId)).pdf(ReportLanguage.FR, Instant.now());
        long t3 = System.nanoTime();
        if (run > 0) { // run 0 warms the JIT up
          export.add(t1 - t0);
          verify.add(t2 - t1);
          pdf.add(t3 - t2);
        }
      }
      System.out.printf(Locale.ROOT, "bundle: %,d bytes (report.pdf %,d bytes)%n", Files.size(zip),
          BundleZips.read(zip).get(EvidenceBundle.REPORT_PDF).length);
      print("export", events, export, runs);
      print("verify", events, verify, runs);
      print("PDF report alone (separate run)", events, pdf, runs);
    } finally {
      try (Stream<Path> files = Files.walk(home)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One drill.started, then step.started / step.completed pairs with measurements, then drill.completed. */
  private static String record(EvidenceStore store, int events) {
    String drillId = "drl-bench-" + System.nanoTime();
    String tenant = "clinique-bench";
    long t = Instant.parse("2026-11-03T09:00:00Z").toEpochMilli();
    long seq = 0;
    store.append(new EvidenceAppend(tenant, drillId, ++seq, "drill.started", null, null, "m.durand", t, Map.of(
        "planName", "Benchmark", "planType", "RESTORE_TEST", "planSha256", "ab".repeat(32), "trigger", "MANUAL",
        "actor", "m.durand", "rtoMillis", 4 * 3_600_000, "rpoMillis", 24 * 3_600_000)));
    for (int step = 1; seq < events - 2; step++) {
      String id = "restore-" + step;
      store.append(new EvidenceAppend(tenant, drillId, ++seq, "step.started", id, RACI, "drillbook", t += 500,
          Map.of("action", "restore", "resource", "db-" + step % 7)));
      store.append(new EvidenceAppend(tenant, drillId, ++seq, "step.completed", id, RACI, "drillbook", t += 1_500,
          Map.of("outputs", Map.of("rowCounts", Map.of("public.actes", 400_000 + step, "public.sejours", 18_000),
              "checksum", "sha256:" + "cd".repeat(32), "requestId", "req-" + step, "durationMillis", 1_500),
              "durationMillis", 1_500)));
    }
    store.append(new EvidenceAppend(tenant, drillId, ++seq, "drill.completed", null, null, "drillbook", t + 1_000,
        Map.of("verdict", "PASSED", "achievedRtoMillis", 3_600_000, "rtoMeasuredBy", "restore-to-verified span")));
    store.anchor(tenant, drillId);
    return drillId;
  }

  private static void print(String what, int events, List<Long> nanos, int runs) {
    List<Long> sorted = nanos.stream().sorted().toList();
    double ms = sorted.get(sorted.size() / 2) / 1e6;
    System.out.printf(Locale.ROOT, "%-32s median %,9.1f ms over %d runs  (%,.0f events/s)%n", what, ms, runs,
        events / (ms / 1000));
  }
}
