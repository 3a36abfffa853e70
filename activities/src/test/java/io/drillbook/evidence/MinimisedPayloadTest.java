package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinimisedPayloadTest {

  @Test
  void metadataPassesUntouched() {
    Map<String, Object> payload = Map.of("rowCount", 1_204_331, "durationMillis", 93_000,
        "checksum", "sha256:1850578006084" + "ab".repeat(25), "snapshotId", "snap-0a1b2c3d4e5f67890",
        "restoredAt", "2026-11-03T10:15:30.120Z", "requestIds", List.of("req-7f3e", "5d1c7a92-0b1e"));
    MinimisedPayload minimised = MinimisedPayload.of(payload);
    assertEquals(CanonicalJson.tree(payload), minimised.payload());
    assertTrue(minimised.withheld().isEmpty());
  }

  @Test
  void personalLookingValuesAreReplacedAndTheirPathsListed() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("rowCount", 12);
    payload.put("sample", List.of("ok", Map.of("mail", "jeanne.martin@example.fr")));
    payload.put("nir", "1 85 05 78 006 084 36");
    payload.put("insAsNumber", 285057800608436L);
    payload.put("phone", "06 12 34 56 78");
    MinimisedPayload minimised = MinimisedPayload.of(payload);

    assertEquals(List.of("$.insAsNumber", "$.nir", "$.phone", "$.sample[1].mail"), minimised.withheld(),
        "in canonical member order, whatever the order of the map");
    assertEquals("[withheld: looks like e-mail address]", minimised.payload().at("/sample/1/mail").asText());
    assertEquals("[withheld: looks like French NIR/INS number]", minimised.payload().get("nir").asText());
    assertEquals("[withheld: looks like French NIR/INS number]", minimised.payload().get("insAsNumber").asText());
    assertEquals("[withheld: looks like phone number]", minimised.payload().get("phone").asText());
    assertEquals(12, minimised.payload().get("rowCount").asInt());
    assertEquals("ok", minimised.payload().at("/sample/0").asText());
  }

  @Test
  void personalLookingKeysAreReplacedWithoutCollisions() {
    Map<String, Object> byUser = new LinkedHashMap<>();
    byUser.put("a.b@example.fr", 3);
    byUser.put("c.d@example.fr", 4);
    MinimisedPayload minimised = MinimisedPayload.of(Map.of("rows by user", byUser));

    String key = "[withheld: looks like e-mail address]";
    assertEquals(List.of("$[\"rows by user\"][\"" + key + "\"]", "$[\"rows by user\"][\"" + key + " #2\"]"),
        minimised.withheld());
    assertEquals(3, minimised.payload().get("rows by user").get(key).asInt());
    assertEquals(4, minimised.payload().get("rows by user").get(key + " #2").asInt());
  }

  @Test
  void noPayloadIsAnEmptyObject() {
    assertEquals("{}", CanonicalJson.write(MinimisedPayload.of(null).payload()));
  }
}
