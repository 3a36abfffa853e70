package io.drillbook.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drillbook.plan.Raci;
import java.time.Instant;
import java.util.List;

/**
 * One event of the traceability log, as read back. {@code hash} is the SHA-256 of the canonical JSON of
 * {@link #toJson()} without its {@code hash} member, so anyone holding the JSON form can recompute it
 * (docs/evidence.md shows how with jq and sha256sum).
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
    String hash) implements ChainLink {

  /** The prev_hash of every chain's first link. */
  public static final String GENESIS = "0".repeat(64);

  public EvidenceEvent {
    withheld = List.copyOf(withheld);
  }

  /** All fields, {@code hash} included: the form of {@code evidence show --json} and of bundles. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("tenant", tenant);
    json.put("drillId", drillId);
    json.put("seq", seq);
    json.put("type", type);
    json.put("stepId", stepId);
    // RACI and withheld hold only strings: converting them needs none of tree()'s number normalisation.
    json.set("raci", raci == null ? null : CanonicalJson.MAPPER.valueToTree(raci));
    json.put("actor", actor);
    json.put("time", isoTime());
    json.set("payload", payload);
    json.set("withheld", CanonicalJson.MAPPER.valueToTree(withheld));
    json.put("prevHash", prevHash);
    json.put("hash", hash);
    return json;
  }

  @Override
  public String computeHash() {
    return StoredEvent.of(this).computeHash();
  }

  /** The UTC time as it is hashed and shown, e.g. {@code 2026-11-03T10:15:30.120Z}. */
  public String isoTime() {
    return StoredEvent.ISO_TIME.format(time);
  }
}
