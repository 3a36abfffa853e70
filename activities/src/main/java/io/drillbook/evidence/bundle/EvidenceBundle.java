package io.drillbook.evidence.bundle;

import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceChain;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.EvidenceTimeline;
import io.drillbook.evidence.TenantAnchor;
import io.drillbook.evidence.bundle.BundleManifest.BundleFile;
import io.drillbook.evidence.report.DrillReport;
import io.drillbook.evidence.report.ReportLanguage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A drill's evidence as one signed zip an auditor can check offline, with no database and no network:
 *
 * <ul>
 *   <li>{@code manifest.json}: drill, tenant, chain head, anchor, creation time, key id, and the size and SHA-256
 *       of every other file;
 *   <li>{@code manifest.sig}: the Ed25519 signature of the manifest's exact bytes, in base64;
 *   <li>{@code public-key.pem}: the key that signed;
 *   <li>{@code events.json}: every event of the drill exactly as stored, {@code hash} included (the output of
 *       {@code drillbook evidence show --json}), so the chain can be recomputed with the documented recipe;
 *   <li>{@code report.html} and {@code report.pdf} in the chosen language, and the HTML report in the other one.
 * </ul>
 *
 * <p>Entries are written in that order, each dated with the bundle's creation time, so the same evidence, key
 * and time give the same bytes.
 */
public final class EvidenceBundle {

  public static final String MANIFEST = "manifest.json";
  public static final String SIGNATURE = "manifest.sig";
  public static final String PUBLIC_KEY = "public-key.pem";
  public static final String EVENTS = "events.json";
  public static final String REPORT_HTML = "report.html";
  public static final String REPORT_PDF = "report.pdf";

  private EvidenceBundle() {}

  /**
   * Writes the drill's bundle to {@code zip} (replacing it), with the report in {@code lang} (French or English).
   *
   * @throws BundleException the drill is unknown, its evidence does not verify, or the file cannot be written
   */
  public static BundleManifest export(EvidenceStore store, String drillId, Path zip, Locale lang, SigningKeys keys) {
    return export(store, drillId, zip, lang, keys, Clock.systemUTC());
  }

  static BundleManifest export(
      EvidenceStore store, String drillId, Path zip, Locale lang, SigningKeys keys, Clock clock) {
    ReportLanguage language = ReportLanguage.of(lang);
    Path target = zip.toAbsolutePath();
    if (!Files.isDirectory(target.getParent())) {
      throw new BundleException("cannot write " + zip + ": the directory " + target.getParent() + " does not exist");
    }
    Evidence evidence = read(store, drillId);
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DrillReport report = DrillReport.of(evidence.events());

    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(PUBLIC_KEY, keys.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
    files.put(EVENTS, EvidenceTimeline.renderJson(evidence.events()).getBytes(StandardCharsets.UTF_8));
    files.put(REPORT_HTML, report.html(language, createdAt).getBytes(StandardCharsets.UTF_8));
    files.put(otherReportHtml(language), report.html(language.other(), createdAt).getBytes(StandardCharsets.UTF_8));
    files.put(REPORT_PDF, report.pdf(language, createdAt));

    List<BundleFile> listed = new ArrayList<>();
    files.forEach((name, bytes) -> listed.add(new BundleFile(name, bytes.length, Sha256.hex(bytes))));
    EvidenceEvent head = evidence.events().getLast();
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT, drillId, head.tenant(), createdAt,
        keys.keyId(), language.code(), head.seq(), head.hash(), evidence.anchor(), listed);
    byte[] manifestBytes = manifest.toBytes();
    byte[] signature = (Base64.getEncoder().encodeToString(keys.sign(manifestBytes)) + "\n")
        .getBytes(StandardCharsets.US_ASCII);

    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MANIFEST, manifestBytes);
    entries.put(SIGNATURE, signature);
    entries.putAll(files);
    write(target, entries, createdAt);
    return manifest;
  }

  /** The name of the HTML report in the language other than the bundle's, e.g. {@code report.en.html}. */
  public static String otherReportHtml(ReportLanguage language) {
    return "report." + language.other().code() + ".html";
  }

  private record Evidence(List<EvidenceEvent> events, TenantAnchor anchor) {}

  /**
   * The drill's events and anchor, checked with the evidence module's own chain verification: a signed bundle
   * vouches for its content, so evidence that does not verify is not exported. Events and anchor are two reads;
   * a drill that finishes between them looks broken (its anchor ahead of the events read), so it is read again.
   */
  private static Evidence read(EvidenceStore store, String drillId) {
    ChainVerification result = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      List<EvidenceEvent> events = store.events(drillId);
      if (events.isEmpty()) {
        throw new BundleException("no evidence is recorded for drill " + drillId
            + ": check the drill ID with `drillbook drill list`");
      }
      TenantAnchor anchor = store.anchorOf(drillId).orElse(null);
      EvidenceChain chain = new EvidenceChain(drillId, anchor);
      for (EvidenceEvent e : events) {
        if (!chain.accept(e)) {
          break;
        }
      }
      result = chain.result();
      if (result.intact()) {
        return new Evidence(events, anchor);
      }
    }
    throw new BundleException("the evidence of drill " + drillId + " does not verify (" + result.firstBreak()
        + "): no bundle is signed for it; `drillbook evidence show " + drillId + "` lists its events");
  }

  private static void write(Path target, Map<String, byte[]> entries, Instant createdAt) {
    // DOS times have no zone: UTC, as every time in the bundle.
    LocalDateTime time = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(target.getParent(), ".bundle-", ".zip.tmp");
      try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(file)) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
          ZipEntry entry = new ZipEntry(e.getKey());
          entry.setTimeLocal(time);
          zip.putNextEntry(entry);
          zip.write(e.getValue());
          zip.closeEntry();
        }
      }
      // A reader of the target never sees half a bundle, and a failed export leaves the previous one in place.
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new BundleException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the export already failed with the reason that matters
        }
      }
    }
  }
}
