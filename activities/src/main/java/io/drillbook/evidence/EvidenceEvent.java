package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One stored event of the traceability log. {@code hash} is the SHA-256 of {@link #canonicalContent()}: the
 * canonical JSON of {@link #toJson()} without its {@code hash} member, so anyone holding the JSON form can
 * recompute it (docs/evidence.md shows how with jq and sha256sum).
 *
 * @param stepId null for drill-level events
 * @param raci null for events not tied to a step
 * @param actor who or what caused the event; may be null
 * @param payload a JSON object, metadata only, already minimised
 * @param withheld paths in {@code payload} whose personal-looking values were replaced (see {@link MinimisedPayload})
 * @param prevHash the hash of the event at {@code seq - 1}, or {@link #GENESIS} for seq 1
 */
public record EvidenceEvent(
    String tenant,
    String drillId,
    long seq,
    String type,
    String stepId,
    Raci raci,
    String actor,
    Instant time,
    JsonNode payload,
    List<String> withheld,
    String prevHash,
    String hash) {

  /** The prev_hash of every chain's first link. */
  public static final String GENESIS = "0".repeat(64);

  /** Milliseconds always written, so the hashed text of a time does not depend on its value. */
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  public EvidenceEvent {
    withheld = List.copyOf(withheld);
  }

  /** The event {@code append} becomes once minimised and linked after {@code prevHash}, with its hash. */
  static EvidenceEvent seal(EvidenceAppend append, String prevHash) {
    MinimisedPayload minimised = MinimisedPayload.of(append.payload());
    EvidenceEvent unsealed = new EvidenceEvent(append.tenant(), append.drillId(), append.seq(), append.type(),
        append.stepId(), append.raci(), append.actor(), Instant.ofEpochMilli(append.timeMillis()),
        minimised.payload(), minimised.withheld(), prevHash, null);
    return unsealed.withHash(unsealed.computeHash());
  }

  /** All fields, {@code hash} included: the form of {@code evidence show --json} and of bundles. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("tenant", tenant);
    json.put("drillId", drillId);
    json.put("seq", seq);
    json.put("type", type);
    json.put("stepId", stepId);
    json.set("raci", raci == null ? null : CanonicalJson.tree(raci));
    json.put("actor", actor);
    json.put("time", isoTime());
    json.set("payload", payload);
    json.set("withheld", CanonicalJson.tree(withheld));
    json.put("prevHash", prevHash);
    json.put("hash", hash);
    return json;
  }

  /** The exact text the hash is computed over. */
  public String canonicalContent() {
    ObjectNode json = toJson();
    json.remove("hash");
    return CanonicalJson.write(json);
  }

  public String computeHash() {
    return CanonicalJson.sha256Hex(canonicalContent());
  }

  public EvidenceReceipt receipt() {
    return new EvidenceReceipt(seq, hash);
  }

  /** The UTC time as it is hashed and shown, e.g. {@code 2026-11-03T10:15:30.120Z}. */
  public String isoTime() {
    return TIME.format(time);
  }

  private EvidenceEvent withHash(String newHash) {
    return new EvidenceEvent(tenant, drillId, seq, type, stepId, raci, actor, time, payload, withheld, prevHash,
        newHash);
  }
}
