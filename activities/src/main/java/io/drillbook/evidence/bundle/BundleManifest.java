package io.drillbook.evidence.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drillbook.evidence.TenantAnchor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code manifest.json}: what a bundle holds and what its evidence chain ends with. Its exact bytes are what
 * {@code manifest.sig} signs, so it is written once, pretty-printed for people, members in a fixed order.
 *
 * @param createdAt when the bundle was made
 * @param keyId the signing key's id (see {@link SigningKeys#keyId})
 * @param language the language of {@code report.html} and {@code report.pdf}, {@code fr} or {@code en}
 * @param lastSeq the seq of the drill's last event in the bundle (the chain head)
 * @param lastHash the hash of that event
 * @param anchor the drill's link in its tenant's anchor chain; null while the drill was not finished
 * @param files every file of the bundle except {@code manifest.json} and {@code manifest.sig}
 */
public record BundleManifest(
    String format,
    String drillId,
    String tenant,
    Instant createdAt,
    String keyId,
    String language,
    long lastSeq,
    String lastHash,
    TenantAnchor anchor,
    List<BundleFile> files) {

  /** The layout this code writes and reads. A future layout gets a new name, never a changed meaning. */
  public static final String FORMAT = "drillbook-evidence-bundle/1";

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public BundleManifest {
    files = List.copyOf(files);
  }

  /** One file of the bundle. */
  public record BundleFile(String name, long size, String sha256) {}

  public Optional<BundleFile> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The bytes of {@code manifest.json}. */
  public byte[] toBytes() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("format", format);
    json.put("drillId", drillId);
    json.put("tenant", tenant);
    json.put("createdAt", createdAt.toString());
    json.put("signatureAlgorithm", SigningKeys.ALGORITHM);
    json.put("keyId", keyId);
    json.put("language", language);
    ObjectNode head = json.putObject("chainHead");
    head.put("lastSeq", lastSeq);
    head.put("lastHash", lastHash);
    json.set("anchor", anchor == null ? null : anchor.toJson());
    ArrayNode list = json.putArray("files");
    for (BundleFile f : files) {
      list.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
    }
    try {
      return (JSON.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers is always JSON", e);
    }
  }

  /** Reads {@code manifest.json}; a manifest this code did not write fails with what is wrong in it. */
  public static BundleManifest parse(byte[] bytes) {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new BundleException("manifest.json is not JSON: " + e.getMessage());
    }
    if (json == null || !json.isObject()) {
      throw new BundleException("manifest.json is not a JSON object");
    }
    String format = text(json, "format");
    if (!FORMAT.equals(format)) {
      throw new BundleException("manifest.json: format '" + format + "' is not one this drillbook reads ("
          + FORMAT + "); use the drillbook version that made the bundle");
    }
    String algorithm = text(json, "signatureAlgorithm");
    if (!SigningKeys.ALGORITHM.equals(algorithm)) {
      throw new BundleException("manifest.json: signatureAlgorithm '" + algorithm + "' is not "
          + SigningKeys.ALGORITHM + ", the only one drillbook signs with");
    }
    JsonNode head = object(json, "chainHead");
    JsonNode anchorJson = json.get("anchor");
    TenantAnchor anchor = anchorJson == null || anchorJson.isNull() ? null : new TenantAnchor(
        text(anchorJson, "tenant"), number(anchorJson, "anchorSeq"), text(anchorJson, "drillId"),
        number(anchorJson, "lastSeq"), text(anchorJson, "lastHash"), text(anchorJson, "prevHash"),
        text(anchorJson, "hash"));
    List<BundleFile> files = new ArrayList<>();
    JsonNode list = json.get("files");
    if (list == null || !list.isArray()) {
      throw new BundleException("manifest.json: 'files' is missing or not a list");
    }
    for (JsonNode f : list) {
      files.add(new BundleFile(text(f, "name"), number(f, "size"), text(f, "sha256")));
    }
    return new BundleManifest(format, text(json, "drillId"), text(json, "tenant"), instant(json, "createdAt"),
        text(json, "keyId"), text(json, "language"), number(head, "lastSeq"), text(head, "lastHash"), anchor,
        files);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new BundleException("manifest.json: '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  private static long number(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new BundleException("manifest.json: '" + field + "' is missing or not a whole number");
    }
    return value.asLong();
  }

  private static JsonNode object(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isObject()) {
      throw new BundleException("manifest.json: '" + field + "' is missing or not an object");
    }
    return value;
  }

  private static Instant instant(JsonNode json, String field) {
    try {
      return Instant.parse(text(json, field));
    } catch (DateTimeParseException e) {
      throw new BundleException("manifest.json: '" + field + "' is not an ISO-8601 UTC time");
    }
  }
}
