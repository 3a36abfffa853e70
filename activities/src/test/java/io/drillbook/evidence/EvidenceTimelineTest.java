package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drillbook.plan.Raci;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceTimelineTest {

  private final SampleDrill drill = SampleDrill.of("tenant-a");

  private List<EvidenceEvent> events() {
    List<EvidenceEvent> events = new ArrayList<>();
    String prev = EvidenceEvent.GENESIS;
    for (var append : List.of(drill.started("ehr-restore", "RESTORE_TEST"), drill.stepStarted(2, "snapshot"),
        drill.event(3, "step.failed", "snapshot", SampleDrill.DBA_STEP,
            Map.of("error", "x".repeat(200), "contact", "a.b@example.fr")))) {
      EvidenceEvent e = StoredEvent.seal(append, prev).toEvent();
      events.add(e);
      prev = e.hash();
    }
    return events;
  }

  @Test
  void textIsAlignedWithRaciSpelledOut() {
    List<String> lines = EvidenceTimeline.render(events()).lines().toList();
    assertEquals(4, lines.size());
    String header = lines.get(0);
    for (String column : List.of("SEQ", "TYPE", "STEP", "RACI", "ACTOR", "DETAILS")) {
      int at = header.indexOf(column);
      for (String line : lines.subList(1, lines.size())) {
        assertTrue(line.charAt(at - 1) == ' ' && line.charAt(at) != ' ', column + " misaligned in: " + line);
      }
    }
    assertTrue(lines.get(1).startsWith("2026-11-03T10:00:01.000Z  1    drill.started  -"), lines.get(1));
    assertTrue(lines.get(1).contains("planName=ehr-restore"), lines.get(1));
    assertTrue(lines.get(2).contains("Responsible msp-dba; Accountable msp-manager; Informed client"));
    assertTrue(lines.get(3).contains("…"), "long details are cut");
    assertTrue(lines.get(3).endsWith("(withheld: $.contact)"), lines.get(3));
  }

  @Test
  void raciWordsAreSpelledOut() {
    assertEquals("Responsible a, b; Accountable c; Consulted d; Informed e",
        EvidenceTimeline.spelledOut(new Raci(List.of("a", "b"), "c", List.of("d"), List.of("e"))));
    assertEquals("-", EvidenceTimeline.spelledOut(null));
  }

  @Test
  void jsonIsTheHashedFormOfEachEvent() {
    List<EvidenceEvent> events = events();
    JsonNode array = CanonicalJson.parse(EvidenceTimeline.renderJson(events));
    assertEquals(events.size(), array.size());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(CanonicalJson.write(events.get(i).toJson()), CanonicalJson.write(array.get(i)));
    }
    assertEquals("[]\n", EvidenceTimeline.renderJson(List.of()));
  }
}
