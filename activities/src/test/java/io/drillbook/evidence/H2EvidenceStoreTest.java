package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: an H2 file database under a temporary DRILLBOOK_HOME. */
class H2EvidenceStoreTest extends EvidenceStoreContract {

  @TempDir static Path home;
  private static EvidenceConfig config;
  private static EvidenceStore store;

  @BeforeAll
  static void open() {
    config = EvidenceConfig.h2(home);
    store = EvidenceStore.open(config);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void twoStoresShareOneH2File() {
    try (EvidenceStore cli = EvidenceStore.open(config)) {
      SampleDrill drill = SampleDrill.of("tenant-shared");
      store.append(drill.started("p", "PRA"));
      assertEquals(1, cli.events(drill.drillId()).size());
      cli.append(drill.stepStarted(2, "snapshot"));
      assertTrue(store.verify(drill.drillId()).intact());
    }
  }

  @Test
  void withoutMigrationsAnOutdatedSchemaIsRefused(@TempDir Path empty) {
    EvidenceConfig unmigrated = new EvidenceConfig(EvidenceConfig.h2(empty).jdbcUrl(), null, null, false);
    assertThrows(FlywayValidateException.class, () -> EvidenceStore.open(unmigrated));
  }

  @Override
  EvidenceStore store() {
    return store;
  }

  @Override
  Connection ownerConnection() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl());
  }
}
