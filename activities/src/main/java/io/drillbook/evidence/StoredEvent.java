package io.drillbook.evidence;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.drillbook.drill.EvidenceAppend;
import io.drillbook.drill.EvidenceReceipt;
import io.drillbook.plan.Raci;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An event as its row holds it: RACI, payload and withheld paths as canonical JSON text. The hashed text is
 * built here, from those texts, for appends and verification alike: verifying a row then needs no JSON
 * parsing, and a row whose JSON was edited in any way, even into something equivalent or invalid, no longer
 * hashes the same.
 *
 * @param raciJson null when the event has no RACI
 */
record StoredEvent(
    String tenant,
    String drillId,
    long seq,
    String type,
    String stepId,
    String raciJson,
    String actor,
    Instant time,
    String payloadJson,
    String withheldJson,
    String prevHash,
    String hash) implements ChainLink {

  /** Milliseconds always written, so the hashed text of a time does not depend on its value. */
  static final DateTimeFormatter ISO_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  /** The row {@code append} becomes once minimised and linked after {@code prevHash}, with its hash. */
  static StoredEvent seal(EvidenceAppend append, String prevHash) {
    MinimisedPayload minimised = MinimisedPayload.of(append.payload());
    StoredEvent unsealed = new StoredEvent(append.tenant(), append.drillId(), append.seq(), append.type(),
        append.stepId(), append.raci() == null ? null : CanonicalJson.write(append.raci()), append.actor(),
        Instant.ofEpochMilli(append.timeMillis()), CanonicalJson.write(minimised.payload()),
        CanonicalJson.write(minimised.withheld()), prevHash, null);
    return unsealed.withComputedHash();
  }

  static StoredEvent of(EvidenceEvent e) {
    return new StoredEvent(e.tenant(), e.drillId(), e.seq(), e.type(), e.stepId(),
        e.raci() == null ? null : CanonicalJson.write(e.raci()), e.actor(), e.time(), CanonicalJson.write(e.payload()),
        CanonicalJson.write(e.withheld()), e.prevHash(), e.hash());
  }

  /**
   * The canonical JSON of the event without its hash: members in code point order (as
   * {@link CanonicalJson} sorts them), the JSON parts written as stored.
   */
  String canonicalContent() {
    StringWriter out = new StringWriter(256 + payloadJson.length());
    try (JsonGenerator g = CanonicalJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("actor", actor);
      g.writeStringField("drillId", drillId);
      g.writeFieldName("payload");
      g.writeRawValue(payloadJson);
      g.writeStringField("prevHash", prevHash);
      g.writeFieldName("raci");
      if (raciJson == null) {
        g.writeNull();
      } else {
        g.writeRawValue(raciJson);
      }
      g.writeNumberField("seq", seq);
      g.writeStringField("stepId", stepId);
      g.writeStringField("tenant", tenant);
      g.writeStringField("time", ISO_TIME.format(time));
      g.writeStringField("type", type);
      g.writeFieldName("withheld");
      g.writeRawValue(withheldJson);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write an event's canonical JSON", e);
    }
    return out.toString();
  }

  @Override
  public String computeHash() {
    return CanonicalJson.sha256Hex(canonicalContent());
  }

  /** The event with its JSON parts parsed. */
  EvidenceEvent toEvent() {
    List<String> withheld = new ArrayList<>();
    CanonicalJson.parse(withheldJson).forEach(path -> withheld.add(path.asText()));
    return new EvidenceEvent(tenant, drillId, seq, type, stepId, raciJson == null ? null : raci(), actor, time,
        CanonicalJson.parse(payloadJson), withheld, prevHash, hash);
  }

  EvidenceReceipt receipt() {
    return new EvidenceReceipt(seq, hash);
  }

  /**
   * Whether {@code append}, for this row's seq, is this event appended again: same tenant, type and step.
   * A workflow task that appended events and was not completed (its worker died) appends the same seqs again
   * with a later time, and payload values derived from it (durations); the first stays.
   */
  boolean isRetriedBy(EvidenceAppend append) {
    return tenant.equals(append.tenant()) && type.equals(append.type()) && java.util.Objects.equals(stepId, append.stepId());
  }

  /** This row with {@code hash} set to what its content gives. */
  StoredEvent withComputedHash() {
    return new StoredEvent(tenant, drillId, seq, type, stepId, raciJson, actor, time, payloadJson, withheldJson,
        prevHash, computeHash());
  }

  private Raci raci() {
    try {
      return CanonicalJson.MAPPER.readValue(raciJson, Raci.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored RACI is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
