package io.drillbook.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrillIdTest {

  @Test
  void formatIsDrlPrefixAndLowercaseUlid() {
    String id = DrillId.newId();
    assertTrue(DrillId.isValid(id), id);
    assertEquals(30, id.length());
  }

  @Test
  void idsSortByTime() {
    byte[] r = new byte[10];
    String a = DrillId.of(1_700_000_000_000L, r);
    String b = DrillId.of(1_700_000_000_001L, r);
    assertTrue(a.compareTo(b) < 0, a + " < " + b);
  }

  @Test
  void allRandomBitsAreEncoded() {
    byte[] zeros = new byte[10];
    byte[] ones = new byte[10];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertEquals("0000000000", DrillId.of(0, zeros).substring(4, 14));
    assertEquals("zzzzzzzzzzzzzzzz", DrillId.of(0, ones).substring(14));
  }

  @Test
  void newIdsAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(DrillId.newId()));
    }
  }

  @Test
  void rejectsIdsWithOtherCharacters() {
    assertFalse(DrillId.isValid("drl-../etc/passwd"));
    assertFalse(DrillId.isValid("clinique-saint-roch-1"));
  }
}
