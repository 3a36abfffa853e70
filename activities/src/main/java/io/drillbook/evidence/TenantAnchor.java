package io.drillbook.evidence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drillbook.drill.EvidenceReceipt;

/**
 * One link of a tenant's anchor chain: a finished drill's last (seq, hash), chained after the tenant's
 * previous anchor. Deleting a whole drill, or its last events, leaves an anchor that no longer matches.
 * {@code hash} is the SHA-256 of the canonical JSON of {@link #toJson()} without {@code hash}.
 *
 * @param anchorSeq 1, 2, 3... within the tenant
 * @param prevHash the previous anchor's hash, or {@link EvidenceEvent#GENESIS} for the first
 */
public record TenantAnchor(
    String tenant, long anchorSeq, String drillId, long lastSeq, String lastHash, String prevHash, String hash) {

  static TenantAnchor seal(String tenant, long anchorSeq, ChainLink last, String prevHash) {
    TenantAnchor unsealed =
        new TenantAnchor(tenant, anchorSeq, last.drillId(), last.seq(), last.hash(), prevHash, null);
    return new TenantAnchor(tenant, anchorSeq, last.drillId(), last.seq(), last.hash(), prevHash,
        unsealed.computeHash());
  }

  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("tenant", tenant);
    json.put("anchorSeq", anchorSeq);
    json.put("drillId", drillId);
    json.put("lastSeq", lastSeq);
    json.put("lastHash", lastHash);
    json.put("prevHash", prevHash);
    json.put("hash", hash);
    return json;
  }

  public String computeHash() {
    ObjectNode json = toJson();
    json.remove("hash");
    return CanonicalJson.sha256Hex(CanonicalJson.write(json));
  }

  public EvidenceReceipt receipt() {
    return new EvidenceReceipt(anchorSeq, hash);
  }
}
