package io.drillbook.provider.local;

import io.drillbook.provider.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.provider.ActionFailure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local provider's pure rules: DSNs, durations, expectations, count comparison, fault explanations. */
class LocalRulesTest {

  @Test
  void dsnsNameOneDatabaseAndNeverAPassword() {
    PgEndpoint e = PgEndpoint.parse("postgresql://db.example:6432/ehr", null, "pw", "env:PW");
    assertEquals("postgres", e.user());
    assertEquals(6432, e.port());
    assertEquals("postgresql://db.example:6432/ehr", e.dsn());
    assertFalse(e.toString().contains("pw,") || e.toString().contains("=pw"), e.toString());
    assertEquals(5432, PgEndpoint.parse("postgres://app@h/x", null, null, null).port());
    assertEquals("app", PgEndpoint.parse("postgres://app@h/x", null, null, null).user());
    ActionFailure f = assertThrows(ActionFailure.class, () -> PgEndpoint.parse("postgresql://app:hunter2@h/x", null, null, null));
    assertTrue(f.getMessage().contains("credentialsRef") && !f.getMessage().contains("hunter2"));
    assertThrows(ActionFailure.class, () -> PgEndpoint.parse("postgresql://h/", null, null, null));
    assertThrows(ActionFailure.class, () -> PgEndpoint.parse("mysql://h/x", null, null, null));
  }

  @Test
  void durationsInThePlanSyntaxOrIso() {
    assertEquals(Duration.ofMillis(100), ParamValues.duration(Map.of("d", "100ms"), "d", "s").orElseThrow());
    assertEquals(Duration.ofHours(2), ParamValues.duration(Map.of("d", "2h"), "d", "s").orElseThrow());
    assertEquals(Duration.ofDays(2), ParamValues.duration(Map.of("d", "2d"), "d", "s").orElseThrow());
    assertEquals(Duration.ofSeconds(90), ParamValues.duration(Map.of("d", "PT90S"), "d", "s").orElseThrow());
    assertTrue(ParamValues.duration(Map.of(), "d", "s").isEmpty());
    assertThrows(ActionFailure.class, () -> ParamValues.duration(Map.of("d", "soon"), "d", "s"));
  }

  @Test
  void expectationsCompareNumbers() {
    assertTrue(Expectation.parse(">= 1", "c", "s").holdsFor(BigDecimal.ONE));
    assertFalse(Expectation.parse("== 42", "c", "s").holdsFor(BigDecimal.valueOf(40)));
    assertTrue(Expectation.parse("<10.5", "c", "s").holdsFor(BigDecimal.TEN));
    assertTrue(Expectation.parse("!= 0", "c", "s").holdsFor(BigDecimal.ONE));
    assertEquals("== 3", Expectation.parse("= 3", "c", "s").toString());
    ActionFailure f = assertThrows(ActionFailure.class, () -> Expectation.parse("about 3", "visits", "check"));
    assertTrue(f.getMessage().contains("check visits has expect \"about 3\""), f.getMessage());
  }

  @Test
  void rowCountsDifferWithinATolerance() {
    Map<String, Object> source = Map.of("public.a", 10, "public.b", 5L, "public.gone", 1);
    Map<String, Long> restored = Map.of("public.a", 12L, "public.b", 5L, "public.new", 3L);
    List<String> strict = RowCountVerification.mismatches(source, restored, 0);
    assertEquals(List.of("public.a: restored 12 rows, source had 10 at snapshot time",
        "public.gone: missing from the restore (source had 1 rows)",
        "public.new: in the restore (3 rows) but not in the source at snapshot time"), strict);
    assertEquals(2, RowCountVerification.mismatches(source, restored, 2).size());
  }

  @Test
  void csvRecordsAreCountedOutsideQuotes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path csv = dir.resolve("t.csv");
    java.nio.file.Files.writeString(csv, "id,note\n1,plain\n2,\"two\nlines, \"\"quoted\"\"\"\n3,last");
    assertEquals(3, CsvRecordCount.of(csv));
    java.nio.file.Files.writeString(csv, "id,note\n");
    assertEquals(0, CsvRecordCount.of(csv));
  }

  @Test
  void heartbeatDetailsSurviveAJsonRoundTrip() throws Exception {
    Progress p = new Progress("exporting tables", 1234, 2, 4, 500);
    assertEquals(p, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(p), Progress.class));
  }

  @Test
  void toolFailuresAreExplained() {
    PgFaults.Situation s = new PgFaults.Situation("snap", "taking a base backup", PgEndpoint.parse("postgresql://10.0.0.5/ehr", "backup", "x", "env:PW"), null);
    String hba = PgFaults.fromTool(new PgTool.Result("pg_basebackup", 1, "pg_basebackup: error: connection to server at \"10.0.0.5\", port 5432 failed:"
        + " FATAL:  no pg_hba.conf entry for replication connection from host \"10.0.0.9\", user \"backup\", no encryption"), s).getMessage();
    assertTrue(hba.contains("host replication backup 10.0.0.9/32 scram-sha-256"), hba);
    String full = PgFaults.fromTool(new PgTool.Result("pg_dump", 1, "pg_dump: error: could not write to output file: No space left on device"), s).getMessage();
    assertTrue(full.contains("disk full"), full);
    String leaked = PgFaults.fromTool(new PgTool.Result("pg_restore", 1, "ERROR: invalid input syntax: \"marie.curie@example.org\""), s).getMessage();
    assertFalse(leaked.contains("marie.curie"), leaked);
  }
}
