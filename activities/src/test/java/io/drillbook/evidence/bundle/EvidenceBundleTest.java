package io.drillbook.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.evidence.CanonicalJson;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.EvidenceStore;
import io.drillbook.evidence.EvidenceTimeline;
import io.drillbook.evidence.TenantAnchor;
import io.drillbook.evidence.bundle.BundleManifest.BundleFile;
import io.drillbook.plan.Raci;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles of drills recorded in a real H2 store, exported, verified, and tampered with in every way. */
class EvidenceBundleTest {

  static final Instant CREATED = Instant.parse("2026-11-03T10:02:03.456Z");
  private static final Clock CLOCK = Clock.fixed(CREATED, ZoneOffset.UTC);
  private static final List<String> LAYOUT = List.of("manifest.json", "manifest.sig", "public-key.pem",
      "events.json", "report.html", "report.en.html", "report.pdf");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  private static EvidenceConfig config;
  private static EvidenceStore store;
  private static SigningKeys keys;
  private static SigningKeys otherKeys;
  private static RecordedDrill drill;
  private static Path bundle;

  @TempDir Path dir;

  @BeforeAll
  static void export() throws IOException {
    config = EvidenceConfig.h2(home);
    store = EvidenceStore.open(config);
    keys = SigningKeys.loadOrCreate(home.resolve("keys"));
    otherKeys = SigningKeys.loadOrCreate(home.resolve("intruder-keys"));
    drill = RecordedDrill.passing(store, "clinique-saint-roch");
    bundle = home.resolve("bundle.zip");
    EvidenceBundle.export(store, drill.drillId(), bundle, Locale.FRENCH, keys, CLOCK);
    Files.createDirectories(Path.of("target", "report-samples"));
    Files.copy(bundle, Path.of("target", "report-samples", "bundle.zip"), StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void anExportedBundleVerifiesOffline() {
    BundleVerification v = BundleVerifier.verify(bundle, Optional.empty());
    assertTrue(v.valid(), v.summary());
    assertEquals(drill.drillId(), v.manifest().drillId());
    assertEquals("clinique-saint-roch", v.manifest().tenant());
    assertEquals(drill.seq(), v.events());
    assertEquals(drill.seq(), v.manifest().lastSeq());
    assertEquals(store.events(drill.drillId()).getLast().hash(), v.manifest().lastHash());
    assertNotNull(v.manifest().anchor(), "a finished drill carries its tenant anchor");
    assertEquals(keys.keyId(), v.bundledKeyId());
    assertTrue(v.summary().startsWith("bundle.zip: VALID"), v.summary());
    assertTrue(v.summary().contains("compare this key id"), "without --public-key the reader is told what to compare");

    BundleVerification withKey = BundleVerifier.verify(bundle, Optional.of(keys.publicKey()));
    assertTrue(withKey.valid(), withKey.summary());
    assertTrue(withKey.summary().contains("(the expected key)"));
  }

  @Test
  void theBundleHoldsTheDocumentedFilesInAFixedOrderAndTime() throws IOException {
    try (ZipFile zip = new ZipFile(bundle.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).toList();
      assertEquals(LAYOUT, names);
      LocalDateTime created = LocalDateTime.ofInstant(CREATED, ZoneOffset.UTC).withNano(0);
      zip.stream().forEach(e -> assertEquals(created.withSecond(created.getSecond() / 2 * 2), e.getTimeLocal(), e.getName()));
    }
    Map<String, byte[]> entries = BundleZips.read(bundle);
    BundleManifest manifest = BundleManifest.parse(entries.get("manifest.json"));
    assertEquals(List.of("public-key.pem", "events.json", "report.html", "report.en.html", "report.pdf"),
        manifest.files().stream().map(BundleFile::name).toList(), "every file but the manifest and its signature");
    assertEquals(CREATED, manifest.createdAt());
    assertEquals("fr", manifest.language());
    assertEquals(EvidenceTimeline.renderJson(store.events(drill.drillId())),
        new String(entries.get("events.json"), StandardCharsets.UTF_8), "events.json is `evidence show --json`");
    assertEquals(keys.publicKeyPem(), new String(entries.get("public-key.pem"), StandardCharsets.US_ASCII));
    assertEquals("%PDF", new String(entries.get("report.pdf"), 0, 4, StandardCharsets.US_ASCII));
    assertTrue(new String(entries.get("report.html"), StandardCharsets.UTF_8).contains("lang=\"fr\""));
    assertTrue(new String(entries.get("report.en.html"), StandardCharsets.UTF_8).contains("lang=\"en\""));
  }

  @Test
  void theSameEvidenceKeyAndTimeGiveTheSameBytes() throws IOException {
    Path again = dir.resolve("again.zip");
    EvidenceBundle.export(store, drill.drillId(), again, Locale.FRENCH, keys, CLOCK);
    assertArrayEquals(Files.readAllBytes(bundle), Files.readAllBytes(again));
  }

  @Test
  void anEnglishBundleHasTheEnglishReportFirstAndTheFrenchBeside() {
    Path english = dir.resolve("en.zip");
    BundleManifest manifest = EvidenceBundle.export(store, drill.drillId(), english, Locale.ENGLISH, keys, CLOCK);
    assertEquals("en", manifest.language());
    Map<String, byte[]> entries = BundleZips.read(english);
    assertTrue(new String(entries.get("report.html"), StandardCharsets.UTF_8).contains("lang=\"en\""));
    assertTrue(new String(entries.get("report.fr.html"), StandardCharsets.UTF_8).contains("lang=\"fr\""));
    assertTrue(BundleVerifier.verify(english, Optional.of(keys.publicKey())).valid());
  }

  @Test
  void anyChangedByteOfAnyFileIsCaught() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    Path copy = dir.resolve("flipped.zip");
    int checked = 0;
    for (String name : LAYOUT) {
      byte[] original = entries.get(name);
      for (int at : positions(original.length)) {
        BundleZips.withEntry(entries, copy, name, bytes -> flip(bytes, at));
        BundleVerification v = BundleVerifier.verify(copy, Optional.empty());
        assertFalse(v.valid(), name + " with byte " + at + " flipped still verifies");
        String expected = switch (name) {
          case "manifest.json" -> "manifest.sig: signature does not verify with key " + keys.keyId();
          case "manifest.sig" -> "manifest.sig: ";
          default -> name + ": ";
        };
        assertTrue(v.problems().stream().anyMatch(p -> p.startsWith(expected)),
            name + " byte " + at + ": " + v.problems());
        checked++;
      }
    }
    assertTrue(checked > 500, "the small files are flipped byte by byte, the large ones at sampled bytes");
  }

  @Test
  void aChangedReportNamesTheFileAndTheCheck() {
    Path copy = BundleZips.withEntry(bundle, dir.resolve("pdf.zip"), "report.pdf", bytes -> flip(bytes, 1000));
    assertEquals(List.of("report.pdf: SHA-256 mismatch"), BundleVerifier.verify(copy, Optional.empty()).problems());
  }

  @Test
  void aRemovedEventWithTheManifestRecomputedButNotResignedFailsTheSignature() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    byte[] events = withoutEvent(entries.get("events.json"), 7);
    BundleManifest manifest = BundleManifest.parse(entries.get("manifest.json"));
    entries.put("events.json", events);
    entries.put("manifest.json", relisted(manifest, "events.json", events, manifest.keyId()).toBytes());
    Path copy = dir.resolve("removed.zip");
    BundleZips.write(copy, entries);

    List<String> problems = BundleVerifier.verify(copy, Optional.empty()).problems();
    assertTrue(problems.contains("manifest.sig: signature does not verify with key " + keys.keyId()
        + ": manifest.json was changed after signing, or signed with another key"), problems.toString());
    assertTrue(problems.contains("events.json: seq 7 missing: row removed"), problems.toString());
  }

  @Test
  void aRemovedEventResignedWithAnotherKeyFailsTheChainAndTheExpectedKey() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    byte[] events = withoutEvent(entries.get("events.json"), 7);
    Path copy = resigned(entries, events, BundleManifest.parse(entries.get("manifest.json")).anchor());

    List<String> alone = BundleVerifier.verify(copy, Optional.empty()).problems();
    assertEquals(List.of("events.json: seq 7 missing: row removed"), alone);
    List<String> withKey = BundleVerifier.verify(copy, Optional.of(keys.publicKey())).problems();
    assertTrue(withKey.contains("public-key.pem: the bundle is signed with key " + otherKeys.keyId()
        + ", not with the expected key " + keys.keyId() + " (--public-key): the holder of that key did not sign it"),
        withKey.toString());
  }

  /**
   * Whoever rewrites the whole chain (every later event re-linked and re-hashed, the anchor too) and signs with
   * their own key makes a bundle that is consistent in itself: only the expected key tells it apart.
   */
  @Test
  void aRewrittenChainSignedWithAnotherKeyIsCaughtByTheExpectedKeyOnly() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    List<EvidenceEvent> events = new ArrayList<>(store.events(drill.drillId()));
    events.remove(6);
    List<EvidenceEvent> rewritten = new ArrayList<>();
    String prev = EvidenceEvent.GENESIS;
    for (EvidenceEvent e : events) {
      EvidenceEvent relinked = new EvidenceEvent(e.tenant(), e.drillId(), rewritten.size() + 1, e.type(), e.stepId(),
          e.raci(), e.actor(), e.time(), e.payload(), e.withheld(), prev, null);
      relinked = new EvidenceEvent(e.tenant(), e.drillId(), relinked.seq(), e.type(), e.stepId(), e.raci(), e.actor(),
          e.time(), e.payload(), e.withheld(), prev, relinked.computeHash());
      rewritten.add(relinked);
      prev = relinked.hash();
    }
    TenantAnchor real = BundleManifest.parse(entries.get("manifest.json")).anchor();
    TenantAnchor unsealed = new TenantAnchor(real.tenant(), real.anchorSeq(), real.drillId(), rewritten.size(), prev,
        real.prevHash(), null);
    TenantAnchor forged = new TenantAnchor(real.tenant(), real.anchorSeq(), real.drillId(), rewritten.size(), prev,
        real.prevHash(), unsealed.computeHash());
    Path copy = resigned(entries,
        EvidenceTimeline.renderJson(rewritten).getBytes(StandardCharsets.UTF_8), forged);

    assertTrue(BundleVerifier.verify(copy, Optional.empty()).valid(), "consistent in itself");
    BundleVerification v = BundleVerifier.verify(copy, Optional.of(keys.publicKey()));
    assertFalse(v.valid());
    assertTrue(v.problems().getFirst().startsWith("public-key.pem: the bundle is signed with key "
        + otherKeys.keyId()), v.problems().toString());
  }

  @Test
  void aBundleCheckedAgainstAnotherKeyFails() {
    List<String> problems = BundleVerifier.verify(bundle, Optional.of(otherKeys.publicKey())).problems();
    assertEquals(List.of("public-key.pem: the bundle is signed with key " + keys.keyId() + ", not with the expected key "
        + otherKeys.keyId() + " (--public-key): the holder of that key did not sign it"), problems);
  }

  @Test
  void anAddedFileIsCaught() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    entries.put("notes.txt", "all good".getBytes(StandardCharsets.UTF_8));
    Path copy = dir.resolve("extra.zip");
    BundleZips.write(copy, entries);
    assertEquals(List.of("notes.txt: not listed in the manifest (added to the bundle)"),
        BundleVerifier.verify(copy, Optional.empty()).problems());
  }

  @Test
  void aMissingFileIsCaught() {
    for (String name : LAYOUT) {
      Map<String, byte[]> entries = BundleZips.read(bundle);
      entries.remove(name);
      Path copy = dir.resolve("missing.zip");
      BundleZips.write(copy, entries);
      List<String> problems = BundleVerifier.verify(copy, Optional.empty()).problems();
      String expected = switch (name) {
        case "manifest.json" -> "manifest.json: missing (not a drillbook evidence bundle?)";
        case "manifest.sig", "public-key.pem" -> name + ": missing";
        default -> name + ": missing (the manifest lists it)";
      };
      assertTrue(problems.contains(expected), name + ": " + problems);
    }
  }

  @Test
  void aSignedManifestThatLeavesTheEventsOutIsNoBundle() {
    Map<String, byte[]> entries = BundleZips.read(bundle);
    BundleManifest m = BundleManifest.parse(entries.get("manifest.json"));
    BundleManifest withoutEvents = new BundleManifest(m.format(), m.drillId(), m.tenant(), m.createdAt(), m.keyId(),
        m.language(), m.lastSeq(), m.lastHash(), m.anchor(),
        m.files().stream().filter(f -> !f.name().equals("events.json")).toList());
    byte[] manifest = withoutEvents.toBytes();
    entries.remove("events.json");
    entries.put("manifest.json", manifest);
    entries.put("manifest.sig", (Base64.getEncoder().encodeToString(keys.sign(manifest)) + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    Path copy = dir.resolve("no-events.zip");
    BundleZips.write(copy, entries);
    assertEquals(List.of("manifest.json: does not list events.json, which every bundle holds"),
        BundleVerifier.verify(copy, Optional.of(keys.publicKey())).problems());
  }

  @Test
  void somethingThatIsNotABundleSaysSo() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
    assertEquals(List.of("notes.zip is not a readable zip archive (zip END header not found)"),
        BundleVerifier.verify(text, Optional.empty()).problems());
    BundleException e = assertThrows(BundleException.class,
        () -> BundleVerifier.verify(dir.resolve("nowhere.zip"), Optional.empty()));
    assertEquals("cannot read the bundle " + dir.resolve("nowhere.zip") + ": no such file", e.getMessage());
  }

  @Test
  void anUnknownDrillIsNotExported() {
    BundleException e = assertThrows(BundleException.class,
        () -> EvidenceBundle.export(store, "drl-nope", dir.resolve("x.zip"), null, keys));
    assertEquals("no evidence is recorded for drill drl-nope: check the drill ID with `drillbook drill list`",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.zip")));
  }

  @Test
  void evidenceChangedInTheDatabaseIsNotSigned() throws SQLException {
    RecordedDrill tampered = RecordedDrill.passing(store, "clinique-saint-roch");
    try (Connection c = DriverManager.getConnection(config.jdbcUrl());
        PreparedStatement st = c.prepareStatement(
            "UPDATE evidence_event SET payload = REPLACE(payload, '540000', '54000') WHERE drill_id = ? AND seq = 5")) {
      st.setString(1, tampered.drillId());
      assertEquals(1, st.executeUpdate());
    }
    BundleException e = assertThrows(BundleException.class,
        () -> EvidenceBundle.export(store, tampered.drillId(), dir.resolve("t.zip"), null, keys));
    assertEquals("the evidence of drill " + tampered.drillId() + " does not verify (seq 5 (step.completed): hash "
        + "mismatch: row was changed): no bundle is signed for it; `drillbook evidence show " + tampered.drillId()
        + "` lists its events", e.getMessage());
  }

  @Test
  void aDrillStillRunningIsExportedUnanchored() {
    RecordedDrill running = new RecordedDrill(store, "clinique-saint-roch", "drl-running-" + System.nanoTime(),
        RecordedDrill.START);
    running.append("drill.started", null, null, "m.durand", 0, RecordedDrill.map("planName", "PRA annuel",
        "planType", "PRA", "trigger", "MANUAL", "rtoMillis", 4 * 3_600_000));
    running.append("step.started", "failover", new Raci(List.of("equipe-infra"), "dsi", List.of(), List.of()),
        "drillbook", 1_000, RecordedDrill.map("action", "failover", "resource", "site-b"));
    Path zip = dir.resolve("running.zip");
    BundleManifest manifest = EvidenceBundle.export(store, running.drillId(), zip, null, keys, CLOCK);
    assertNull(manifest.anchor());
    BundleVerification v = BundleVerifier.verify(zip, Optional.of(keys.publicKey()));
    assertTrue(v.valid(), v.summary());
    assertTrue(v.summary().contains("drill not anchored: it was still running"));
    String report = new String(BundleZips.read(zip).get("report.html"), StandardCharsets.UTF_8);
    assertTrue(report.contains("EN COURS"));
  }

  @Test
  void aBundleCannotBeWrittenWhereNoDirectoryIs() {
    Path nowhere = dir.resolve("no-such-dir").resolve("b.zip");
    BundleException e = assertThrows(BundleException.class,
        () -> EvidenceBundle.export(store, drill.drillId(), nowhere, null, keys));
    assertEquals("cannot write " + nowhere + ": the directory " + nowhere.getParent() + " does not exist",
        e.getMessage());
  }

  /**
   * Every byte of the signature and the key, whose parsing is drillbook's own; for the other files the first and
   * last bytes and 60 in between (their bytes all go through SHA-256 or Ed25519 alike).
   */
  private static TreeSet<Integer> positions(int length) {
    TreeSet<Integer> at = new TreeSet<>();
    if (length <= 256) {
      for (int i = 0; i < length; i++) {
        at.add(i);
      }
    } else {
      for (int i = 0; i <= 60; i++) {
        at.add((int) ((long) (length - 1) * i / 60));
      }
    }
    return at;
  }

  private static byte[] flip(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x01;
    return copy;
  }

  /** events.json without the event of {@code seq}, written as the exporter writes it. */
  private static byte[] withoutEvent(byte[] eventsJson, long seq) {
    try {
      List<String> lines = new ArrayList<>();
      for (JsonNode e : JSON.readTree(eventsJson)) {
        if (e.get("seq").asLong() != seq) {
          lines.add(CanonicalJson.write(e));
        }
      }
      return ("[\n" + String.join(",\n", lines) + "\n]\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BundleManifest relisted(BundleManifest m, String name, byte[] content, String keyId) {
    List<BundleFile> files = m.files().stream()
        .map(f -> f.name().equals(name) ? new BundleFile(name, content.length, Sha256.hex(content)) : f)
        .toList();
    return new BundleManifest(m.format(), m.drillId(), m.tenant(), m.createdAt(), keyId, m.language(), m.lastSeq(),
        m.lastHash(), m.anchor(), files);
  }

  /** The bundle with new events, signed by the intruder's key: manifest, key file and signature all replaced. */
  private Path resigned(Map<String, byte[]> entries, byte[] events, TenantAnchor anchor) {
    BundleManifest m = BundleManifest.parse(entries.get("manifest.json"));
    byte[] pem = otherKeys.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
    BundleManifest forged = relisted(relisted(m, "events.json", events, otherKeys.keyId()), "public-key.pem", pem,
        otherKeys.keyId());
    JsonNode last = lastEvent(events);
    forged = new BundleManifest(forged.format(), forged.drillId(), forged.tenant(), forged.createdAt(),
        forged.keyId(), forged.language(), last.get("seq").asLong(), last.get("hash").asText(), anchor,
        forged.files());
    byte[] manifest = forged.toBytes();
    entries.put("events.json", events);
    entries.put("public-key.pem", pem);
    entries.put("manifest.json", manifest);
    entries.put("manifest.sig", (Base64.getEncoder().encodeToString(otherKeys.sign(manifest)) + "\n")
        .getBytes(StandardCharsets.US_ASCII));
    Path copy = dir.resolve("resigned.zip");
    BundleZips.write(copy, entries);
    return copy;
  }

  private static JsonNode lastEvent(byte[] events) {
    try {
      JsonNode all = JSON.readTree(events);
      return all.get(all.size() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
