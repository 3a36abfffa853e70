package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalJsonTest {

  private static final Path VERIFY_EVENTS = Path.of("..", "docs", "verify-events.sh").toAbsolutePath();

  @Test
  void keysAreSortedAtEveryLevelWithoutWhitespace() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("zeta", List.of(3, 1, Map.of("b", true, "a", "x")));
    nested.put("alpha", null);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", nested);
    value.put("a", "1");
    assertEquals("{\"a\":\"1\",\"b\":{\"alpha\":null,\"zeta\":[3,1,{\"a\":\"x\",\"b\":true}]}}",
        CanonicalJson.write(value));
  }

  @Test
  void keysAreOrderedByCodePointLikeJq() {
    // U+FFFD sorts before U+1F600 by code point, after it by UTF-16 unit (a surrogate is 0xD83D).
    String grinning = new String(Character.toChars(0x1F600));
    assertEquals("{\"\uFFFD\":1,\"" + grinning + "\":2}", CanonicalJson.write(Map.of(grinning, 2, "\uFFFD", 1)));
  }

  @Test
  void theSameValueInDifferentJavaTypesHasOneEncoding() {
    assertEquals(CanonicalJson.write(Map.of("n", 7L, "f", 0.5)), CanonicalJson.write(Map.of("n", 7, "f", 0.5f)));
    assertEquals("{\"t\":\"2026-11-03T10:15:30.120Z\"}",
        CanonicalJson.write(Map.of("t", Instant.parse("2026-11-03T10:15:30.120Z"))));
  }

  @Test
  void encodingIsIdempotent() {
    List<Object> values = List.of(
        Map.of("int", 42, "long", Long.MAX_VALUE, "big", new BigInteger("123456789012345678901234567890")),
        Map.of("double", 0.1, "tiny", 1.0e-7, "huge", 1.0e21, "decimal", new BigDecimal("1.50"), "float", 3.3f),
        Map.of("text", "é \"quoted\" back\\slash\nnew line \u0001 tab\t", "empty", "", "list", List.of()),
        List.of(Map.of(), List.of(List.of()), "s", -0.0, false));
    for (Object value : values) {
      String canonical = CanonicalJson.write(value);
      assertEquals(canonical, CanonicalJson.write(CanonicalJson.parse(canonical)), canonical);
    }
  }

  @Test
  void sha256IsWhatSha256sumPrints() {
    // printf 'abc' | sha256sum
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CanonicalJson.sha256Hex("abc"));
  }

  @Test
  void theHashedTextIsTheCanonicalJsonFormWithoutItsHash() {
    SampleDrill drill = SampleDrill.of("tenant-a");
    for (StoredEvent row : List.of(StoredEvent.seal(drill.started("p", "PRA"), EvidenceEvent.GENESIS),
        StoredEvent.seal(drill.stepCompleted(2, "snapshot"), "ab".repeat(32)))) {
      var json = row.toEvent().toJson();
      json.remove("hash");
      assertEquals(CanonicalJson.write(json), row.canonicalContent());
    }
  }

  /** The auditor's recipe of docs/evidence.md (docs/verify-events.sh), run for real on events and an anchor. */
  @Test
  void jqAndSha256sumRecomputeEveryHash(@TempDir Path dir) throws Exception {
    assumeTrue(commandExists("jq") && commandExists("sha256sum"), "jq and sha256sum are needed for this check");
    SampleDrill drill = SampleDrill.of("clinique-test");
    List<EvidenceEvent> events = new ArrayList<>();
    String prev = EvidenceEvent.GENESIS;
    for (var append : List.of(drill.started("ehr-restore", "RESTORE_TEST"), drill.stepStarted(2, "snapshot"),
        drill.stepCompleted(3, "snapshot"), drill.event(4, "approval.granted", "sign-off", SampleDrill.DBA_STEP,
            Map.of("comment", "Vérifié — OK \"sans\" réserve\n", "by", "dsi@client", "contact", "x.y@example.fr",
                "nested", Map.of("z", List.of(1, -2, 3_000_000_000L), "a", Map.of()))))) {
      EvidenceEvent sealed = StoredEvent.seal(append, prev).toEvent();
      events.add(sealed);
      prev = sealed.hash();
    }
    Files.writeString(dir.resolve("events.json"), EvidenceTimeline.renderJson(events));
    assertEquals("4 events, chain intact, last hash " + prev, shell("sh " + VERIFY_EVENTS + " events.json", dir, 0));

    Files.writeString(dir.resolve("changed.json"), EvidenceTimeline.renderJson(events).replace("1204331", "1204330"));
    assertEquals("seq 3: hash mismatch: the event was changed", shell("sh " + VERIFY_EVENTS + " changed.json", dir, 1));

    TenantAnchor anchor = TenantAnchor.seal("clinique-test", 1, events.get(3), EvidenceEvent.GENESIS);
    Files.writeString(dir.resolve("anchor.json"), CanonicalJson.write(anchor.toJson()));
    assertEquals(anchor.hash(), shell("jq -jcS 'del(.hash)' anchor.json | sha256sum | cut -d' ' -f1", dir, 0));
  }

  private static boolean commandExists(String command) throws IOException, InterruptedException {
    return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
  }

  /** What the shell command prints, trimmed, once it exited with {@code expectedExit}. */
  private static String shell(String command, Path dir, int expectedExit) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(expectedExit, p.waitFor(), out);
    return out;
  }
}
