package io.drillbook.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @Test
  void parsesEveryUnit() {
    assertEquals(Duration.ofMillis(100), DurationText.parse("100ms"));
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofMinutes(15), DurationText.parse("15m"));
    assertEquals(Duration.ofHours(4), DurationText.parse("4h"));
    assertEquals(Duration.ofDays(2), DurationText.parse(" 2d "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "4", "h", "4 h", "-4h", "4w", "1h30m", "PT4H"})
  void rejectsAnythingElse(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    assertEquals("not a duration: expected a number and a unit (ms, s, m, h, d), e.g. 90s or 4h", e.getMessage());
  }

  @Test
  void rejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> DurationText.parse(null));
  }

  @Test
  void formatsHoursFirst() {
    assertEquals("72h", DurationText.format(Duration.ofDays(3)));
    assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
    assertEquals("1m30s250ms", DurationText.format(Duration.ofMillis(90_250)));
    assertEquals("0s", DurationText.format(Duration.ZERO));
  }
}
