package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceConfigTest {

  @Test
  void defaultIsAnH2FileSharedByProcessesUnderTheUsersHome() {
    EvidenceConfig config = EvidenceConfig.fromEnvironment(Map.of());
    Path home = Path.of(System.getProperty("user.home"), ".drillbook").toAbsolutePath();
    assertEquals("jdbc:h2:file:" + home.resolve("evidence") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", config.jdbcUrl());
    assertNull(config.user());
    assertTrue(config.migrate());
  }

  @Test
  void drillbookHomeMovesTheH2File() {
    EvidenceConfig config = EvidenceConfig.fromEnvironment(Map.of("DRILLBOOK_HOME", "/srv/drillbook"));
    assertEquals("jdbc:h2:file:/srv/drillbook/evidence;AUTO_SERVER=TRUE;WRITE_DELAY=0", config.jdbcUrl());
  }

  @Test
  void postgresqlComesFromTheEnvironment() {
    EvidenceConfig config = EvidenceConfig.fromEnvironment(Map.of(
        "DRILLBOOK_EVIDENCE_URL", "jdbc:postgresql://db:5432/drillbook",
        "DRILLBOOK_EVIDENCE_USER", "drillbook_worker",
        "DRILLBOOK_EVIDENCE_PASSWORD", "s3cret",
        "DRILLBOOK_EVIDENCE_MIGRATE", "false"));
    assertEquals(new EvidenceConfig("jdbc:postgresql://db:5432/drillbook", "drillbook_worker", "s3cret", false),
        config);
    assertFalse(config.toString().contains("s3cret"));
  }

  @Test
  void aPasswordInTheUrlIsMaskedToo() {
    EvidenceConfig config = new EvidenceConfig("jdbc:postgresql://db/drillbook?user=w&password=s3cret", null, null,
        true);
    assertFalse(config.toString().contains("s3cret"), config.toString());
  }

  @Test
  void otherDatabasesAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> EvidenceConfig.fromEnvironment(Map.of("DRILLBOOK_EVIDENCE_URL", "jdbc:mysql://db/drillbook")));
  }
}
