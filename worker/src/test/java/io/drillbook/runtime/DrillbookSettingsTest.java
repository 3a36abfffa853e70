package io.drillbook.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillbookSettingsTest {

  private static DrillbookSettings with(Map<String, String> env) {
    return DrillbookSettings.fromEnvironment(env);
  }

  @Test
  void theSweepIntervalIsFiveMinutesUnlessSetInPlanSyntax() {
    assertEquals(Duration.ofMinutes(5), with(Map.of()).sweepInterval());
    assertEquals(Duration.ofSeconds(30), with(Map.of("DRILLBOOK_SWEEP_INTERVAL", "30s")).sweepInterval());
    UserError bad = assertThrows(UserError.class, () -> with(Map.of("DRILLBOOK_SWEEP_INTERVAL", "5")).sweepInterval());
    assertTrue(bad.getMessage().contains("DRILLBOOK_SWEEP_INTERVAL=5") && bad.getMessage().contains("90s"), bad.getMessage());
    assertThrows(UserError.class, () -> with(Map.of("DRILLBOOK_SWEEP_INTERVAL", "0s")).sweepInterval());
  }
}
