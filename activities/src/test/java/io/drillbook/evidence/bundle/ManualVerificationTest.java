package io.drillbook.evidence.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.evidence.EvidenceStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's manual recipe of docs/evidence-bundle.md (docs/verify-bundle.sh: unzip, openssl, sha256sum, jq),
 * run for real on an exported bundle and on altered copies.
 */
class ManualVerificationTest {

  private static final Path SCRIPT = Path.of("..", "docs", "verify-bundle.sh").toAbsolutePath();

  @TempDir static Path home;
  private static Path bundle;
  private static Path otherKey;

  @TempDir Path dir;

  @BeforeAll
  static void export() throws IOException {
    for (String tool : List.of("unzip", "openssl", "sha256sum", "jq")) {
      assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed");
    }
    try (EvidenceStore store = EvidenceStore.open(EvidenceConfig.h2(home))) {
      SigningKeys keys = SigningKeys.loadOrCreate(home.resolve("keys"));
      bundle = home.resolve("bundle.zip");
      EvidenceBundle.export(store, RecordedDrill.passing(store, "clinique-a").drillId(), bundle, Locale.FRENCH, keys);
    }
    otherKey = home.resolve("other").resolve(SigningKeys.PUBLIC_KEY_FILE);
    SigningKeys.loadOrCreate(home.resolve("other"));
  }

  @Test
  void anExportedBundleVerifiesWithTheRecipe() throws Exception {
    String out = script(0, bundle.toString(), home.resolve("keys").resolve(SigningKeys.PUBLIC_KEY_FILE).toString());
    assertTrue(out.startsWith("VALID: drill drl-"), out);
    assertTrue(out.contains("14 events, chain intact"), out);
  }

  @Test
  void theRecipeCatchesAChangedFileAChangedManifestAnAddedFileAndAnotherKey() throws Exception {
    Path pdf = BundleZips.withEntry(bundle, dir.resolve("pdf.zip"), "report.pdf", b -> flip(b, 500));
    assertTrue(script(1, pdf.toString()).contains("INVALID: a file does not match the manifest"));

    Path manifest = BundleZips.withEntry(bundle, dir.resolve("manifest.zip"), "manifest.json", b -> flip(b, 40));
    assertTrue(script(1, manifest.toString()).contains("INVALID: manifest.sig: signature does not verify"));

    Map<String, byte[]> entries = BundleZips.read(bundle);
    entries.put("extra.txt", new byte[] {1});
    Path extra = dir.resolve("extra.zip");
    BundleZips.write(extra, entries);
    assertTrue(script(1, extra.toString()).contains("INVALID: not listed in the manifest: extra.txt"));

    assertTrue(script(1, bundle.toString(), otherKey.toString()).contains("not with the expected key"));
  }

  private static byte[] flip(byte[] bytes, int at) {
    byte[] copy = bytes.clone();
    copy[at] ^= 0x01;
    return copy;
  }

  private static String script(int expectedExit, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", SCRIPT.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(expectedExit, p.waitFor(), out);
    return out;
  }
}
