package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceConfigTest {

  @Test
  void defaultIsAnH2FileSharedByProcessesUnderTheDefaultHome() {
    EvidenceConfig config = EvidenceConfig.fromEnvironment(Map.of());
    Path home = EvidenceConfig.home(Map.of()).toAbsolutePath();
    assertEquals("jdbc:h2:file:" + home.resolve("evidence") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0", config.jdbcUrl());
    assertNull(config.user());
    assertTrue(config.migrate());
  }

  @Test
  void theDefaultHomeIsUnderTheUsersHomeUnlessRootsHomeIsClosedToPostgres(@TempDir Path users) throws Exception {
    Path open = Files.createDirectories(users.resolve("open"));
    Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path closed = Files.createDirectories(users.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    assertEquals(closed.resolve(".drillbook"), EvidenceConfig.home(Map.of(), "alice", closed));
    assertEquals(open.resolve(".drillbook"), EvidenceConfig.home(Map.of(), "root", open));
    assertEquals(EvidenceConfig.ROOT_DEFAULT_HOME, EvidenceConfig.home(Map.of(), "root", closed));
    assertEquals(Path.of("/srv/drillbook"), EvidenceConfig.home(Map.of("DRILLBOOK_HOME", "/srv/drillbook"), "root", closed));
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
