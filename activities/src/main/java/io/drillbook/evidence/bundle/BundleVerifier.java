package io.drillbook.evidence.bundle;

import static io.drillbook.evidence.bundle.EvidenceBundle.EVENTS;
import static io.drillbook.evidence.bundle.EvidenceBundle.MANIFEST;
import static io.drillbook.evidence.bundle.EvidenceBundle.PUBLIC_KEY;
import static io.drillbook.evidence.bundle.EvidenceBundle.SIGNATURE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.drillbook.evidence.ChainVerification;
import io.drillbook.evidence.EvidenceChain;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.bundle.BundleManifest.BundleFile;
import io.drillbook.plan.Raci;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks a bundle offline, trusting nothing in it but the arithmetic: the manifest's signature, every listed file's
 * size and SHA-256, that no unlisted file was added, and the event chain of {@code events.json} recomputed with the
 * evidence module's own hashing ({@link EvidenceChain}), its head equal to the manifest's.
 *
 * <p>A bundle carries its own public key, so on its own it proves only that it is unchanged since someone signed it.
 * That the MSP signed it takes the MSP's key from elsewhere ({@code --public-key}) or a comparison of key ids.
 */
public final class BundleVerifier {

  /** The small files are read whole; a bigger one is not a drillbook file (and may be a zip bomb). */
  private static final int SMALL_FILE_LIMIT = 1 << 20;
  private static final Pattern BASE64_LINE = Pattern.compile("[A-Za-z0-9+/]+={0,2}\n?");
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** What a bundle without is no drillbook bundle, whoever signed it. */
  private static final List<String> REQUIRED =
      List.of(PUBLIC_KEY, EVENTS, EvidenceBundle.REPORT_HTML, EvidenceBundle.REPORT_PDF);

  private BundleVerifier() {}

  /**
   * @param expected the key the bundle must be signed with ({@code --public-key FILE}); empty to accept the bundled
   *     key, whose id the result then reports for comparison
   * @throws BundleException {@code zip} is not a readable file
   */
  public static BundleVerification verify(Path zip, Optional<PublicKey> expected) {
    if (!Files.isRegularFile(zip)) {
      throw new BundleException("cannot read the bundle " + zip + ": no such file");
    }
    String expectedId = expected.map(SigningKeys::keyId).orElse(null);
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      return new Check(zip, file, expected.orElse(null), expectedId).run();
    } catch (ZipException e) {
      return new BundleVerification(zip, null, null, expectedId, 0,
          List.of(zip.getFileName() + " is not a readable zip archive (" + e.getMessage() + ")"));
    } catch (IOException e) {
      throw new BundleException("cannot read the bundle " + zip + ": " + e.getMessage(), e);
    }
  }

  /** One verification's state: the problems found so far, each naming the file concerned. */
  private static final class Check {
    private final Path path;
    private final ZipFile zip;
    private final PublicKey expected;
    private final String expectedId;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private BundleManifest manifest;
    private String bundledKeyId;
    private long eventsChecked;

    Check(Path path, ZipFile zip, PublicKey expected, String expectedId) {
      this.path = path;
      this.zip = zip;
      this.expected = expected;
      this.expectedId = expectedId;
    }

    BundleVerification run() {
      for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
        ZipEntry entry = all.nextElement();
        if (entries.putIfAbsent(entry.getName(), entry) != null) {
          // Two tools may show different copies of a duplicated name: the one checked and the one read.
          problems.add(entry.getName() + ": appears twice in the archive");
        }
      }
      byte[] manifestBytes = small(MANIFEST);
      byte[] signature = signature();
      PublicKey bundledKey = bundledKey();
      if (manifestBytes != null) {
        checkSignature(manifestBytes, signature, bundledKey);
        try {
          manifest = BundleManifest.parse(manifestBytes);
        } catch (BundleException e) {
          problems.add(e.getMessage());
        }
      }
      if (manifest != null) {
        if (bundledKeyId != null && !manifest.keyId().equals(bundledKeyId)) {
          problems.add(MANIFEST + ": names key " + manifest.keyId() + " but " + PUBLIC_KEY + " holds key " + bundledKeyId);
        }
        checkFiles();
        checkChain();
      }
      return new BundleVerification(path, manifest, bundledKeyId, expectedId, eventsChecked, problems);
    }

    private void checkSignature(byte[] manifestBytes, byte[] signature, PublicKey bundledKey) {
      PublicKey signer = bundledKey != null ? bundledKey : expected;
      if (signer != null && signature != null && !verifies(signer, manifestBytes, signature)) {
        problems.add(SIGNATURE + ": signature does not verify with key " + SigningKeys.keyId(signer)
            + ": " + MANIFEST + " was changed after signing, or signed with another key");
      }
      if (expected != null && bundledKey != null && !bundledKey.equals(expected)) {
        problems.add(PUBLIC_KEY + ": the bundle is signed with key " + bundledKeyId + ", not with the expected key "
            + expectedId + " (--public-key): the holder of that key did not sign it");
      }
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
      try {
        Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
      } catch (GeneralSecurityException e) {
        return false; // a signature of the wrong length or form does not verify either
      }
    }

    /** {@code manifest.sig} decoded; only the exact base64 drillbook writes, so no byte of it can change unseen. */
    private byte[] signature() {
      byte[] bytes = small(SIGNATURE);
      if (bytes == null) {
        return null;
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      if (BASE64_LINE.matcher(text).matches()) {
        String body = text.strip();
        byte[] decoded = Base64.getDecoder().decode(body);
        // The decoder ignores the unused low bits of the last character: re-encoding catches a change there.
        if (Base64.getEncoder().encodeToString(decoded).equals(body)) {
          return decoded;
        }
      }
      problems.add(SIGNATURE + ": not a base64 signature");
      return null;
    }

    private PublicKey bundledKey() {
      byte[] pem = small(PUBLIC_KEY);
      if (pem == null) {
        return null;
      }
      try {
        PublicKey key = SigningKeys.publicKey(
            Pem.decode(new String(pem, StandardCharsets.US_ASCII), Pem.PUBLIC_KEY, PUBLIC_KEY), PUBLIC_KEY);
        bundledKeyId = SigningKeys.keyId(key);
        return key;
      } catch (BundleException e) {
        problems.add(e.getMessage());
        return null;
      }
    }

    private void checkFiles() {
      for (String required : REQUIRED) {
        if (manifest.file(required).isEmpty()) {
          problems.add(MANIFEST + ": does not list " + required + ", which every bundle holds");
        }
      }
      for (BundleFile listed : manifest.files()) {
        ZipEntry entry = entries.get(listed.name());
        if (entry == null) {
          problems.add(listed.name() + ": missing (the manifest lists it)");
          continue;
        }
        Sha256.Digested actual;
        try (InputStream in = zip.getInputStream(entry)) {
          actual = Sha256.of(in);
        } catch (IOException e) {
          problems.add(listed.name() + ": cannot be read from the archive (" + e.getMessage() + ")");
          continue;
        }
        if (!actual.sha256().equals(listed.sha256())) {
          problems.add(listed.name() + ": SHA-256 mismatch" + (actual.size() == listed.size() ? ""
              : " (" + actual.size() + " bytes, the manifest says " + listed.size() + ")"));
        }
      }
      for (String name : entries.keySet()) {
        if (!name.equals(MANIFEST) && !name.equals(SIGNATURE) && manifest.file(name).isEmpty()) {
          problems.add(name + ": not listed in the manifest (added to the bundle)");
        }
      }
    }

    /** Recomputes the chain of {@code events.json}, one event at a time, with the evidence module's checks. */
    private void checkChain() {
      ZipEntry entry = entries.get(EVENTS);
      if (entry == null || manifest.file(EVENTS).isEmpty()) {
        return; // already reported: missing, unlisted, or not listed by the manifest
      }
      if (manifest.anchor() != null && !manifest.anchor().drillId().equals(manifest.drillId())) {
        problems.add(MANIFEST + ": the anchor is that of drill " + manifest.anchor().drillId() + ", not of drill "
            + manifest.drillId());
        return;
      }
      EvidenceChain chain = new EvidenceChain(manifest.drillId(), manifest.anchor());
      try (InputStream in = zip.getInputStream(entry); JsonParser parser = JSON.createParser(in)) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          problems.add(EVENTS + ": not a JSON array of events");
          return;
        }
        long index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
          index++;
          EvidenceEvent event = event(parser.readValueAsTree(), index);
          if (!event.drillId().equals(manifest.drillId()) || !event.tenant().equals(manifest.tenant())) {
            problems.add(EVENTS + ": seq " + event.seq() + " belongs to drill " + event.drillId() + " of tenant "
                + event.tenant() + ", not to the manifest's");
            return;
          }
          if (!chain.accept(event)) {
            token = JsonToken.END_ARRAY; // the chain is broken: what follows proves nothing more
            break;
          }
        }
        if (token != JsonToken.END_ARRAY) {
          problems.add(EVENTS + ": element #" + (index + 1) + " is not an event object");
          return;
        }
      } catch (JsonProcessingException e) {
        problems.add(EVENTS + ": not valid JSON (" + e.getOriginalMessage() + ")");
        return;
      } catch (BundleException e) {
        problems.add(e.getMessage());
        return;
      } catch (IOException e) {
        problems.add(EVENTS + ": cannot be read from the archive (" + e.getMessage() + ")");
        return;
      }
      ChainVerification result = chain.result();
      eventsChecked = result.eventsChecked();
      if (!result.intact()) {
        problems.add(EVENTS + ": " + result.firstBreak());
      } else if (result.lastSeq() != manifest.lastSeq() || !result.lastHash().equals(manifest.lastHash())) {
        problems.add(EVENTS + ": the chain ends at seq " + result.lastSeq() + " (hash " + result.lastHash()
            + "), the manifest says seq " + manifest.lastSeq() + " (hash " + manifest.lastHash() + ")");
      }
    }

    /** An event of {@code events.json}, in the form {@code EvidenceEvent.toJson()} writes. */
    private static EvidenceEvent event(JsonNode json, long index) {
      String where = EVENTS + ": event #" + index;
      try {
        JsonNode raci = json.get("raci");
        List<String> withheld = new ArrayList<>();
        for (JsonNode path : required(json, "withheld", where)) {
          withheld.add(path.asText());
        }
        JsonNode seq = required(json, "seq", where);
        if (!seq.isIntegralNumber()) {
          throw new BundleException(where + ": 'seq' is not a whole number");
        }
        return new EvidenceEvent(text(json, "tenant", where), text(json, "drillId", where), seq.asLong(),
            text(json, "type", where), nullableText(json, "stepId"),
            raci == null || raci.isNull() ? null : JSON.treeToValue(raci, Raci.class), nullableText(json, "actor"),
            Instant.parse(text(json, "time", where)), required(json, "payload", where), withheld,
            text(json, "prevHash", where), text(json, "hash", where));
      } catch (JsonProcessingException e) {
        throw new BundleException(where + ": 'raci' is not a RACI (" + e.getOriginalMessage() + ")");
      } catch (DateTimeParseException e) {
        throw new BundleException(where + ": 'time' is not an ISO-8601 UTC time");
      }
    }

    private static JsonNode required(JsonNode json, String field, String where) {
      JsonNode value = json.get(field);
      if (value == null || value.isNull()) {
        throw new BundleException(where + ": '" + field + "' is missing");
      }
      return value;
    }

    private static String text(JsonNode json, String field, String where) {
      JsonNode value = required(json, field, where);
      if (!value.isTextual()) {
        throw new BundleException(where + ": '" + field + "' is not a string");
      }
      return value.asText();
    }

    private static String nullableText(JsonNode json, String field) {
      JsonNode value = json.get(field);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** A small file's bytes, or null (with the problem recorded) when it is missing or too big to be one. */
    private byte[] small(String name) {
      ZipEntry entry = entries.get(name);
      if (entry == null) {
        problems.add(name + ": missing" + (name.equals(MANIFEST) ? " (not a drillbook evidence bundle?)" : ""));
        return null;
      }
      try (InputStream in = zip.getInputStream(entry)) {
        byte[] bytes = in.readNBytes(SMALL_FILE_LIMIT + 1);
        if (bytes.length > SMALL_FILE_LIMIT) {
          problems.add(name + ": larger than " + SMALL_FILE_LIMIT + " bytes, not a drillbook " + name);
          return null;
        }
        return bytes;
      } catch (IOException e) {
        problems.add(name + ": cannot be read from the archive (" + e.getMessage() + ")");
        return null;
      }
    }
  }
}
