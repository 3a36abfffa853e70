package io.drillbook.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationSyntaxTest {

  @Test
  void parsesEveryUnit() {
    assertEquals(Duration.ofMillis(100), DurationSyntax.parse("100ms").orElseThrow());
    assertEquals(Duration.ofSeconds(90), DurationSyntax.parse("90s").orElseThrow());
    assertEquals(Duration.ofMinutes(15), DurationSyntax.parse("15m").orElseThrow());
    assertEquals(Duration.ofHours(4), DurationSyntax.parse("4h").orElseThrow());
    assertEquals(Duration.ofDays(2), DurationSyntax.parse(" 2d ").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "4", "h", "4 h", "-4h", "4w", "1h30m", "PT4H"})
  void rejectsAnythingElse(String text) {
    assertTrue(DurationSyntax.parse(text).isEmpty(), text);
  }

  @Test
  void rejectsNull() {
    assertTrue(DurationSyntax.parse(null).isEmpty());
  }

  @Test
  void formatsHoursFirst() {
    assertEquals("72h", DurationSyntax.describe(Duration.ofDays(3)));
    assertEquals("1h30m", DurationSyntax.describe(Duration.ofMinutes(90)));
    assertEquals("1m30s250ms", DurationSyntax.describe(Duration.ofMillis(90_250)));
    assertEquals("0s", DurationSyntax.describe(Duration.ZERO));
  }
}
