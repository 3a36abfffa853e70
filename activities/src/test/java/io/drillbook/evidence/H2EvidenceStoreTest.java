package io.drillbook.evidence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

  @Override
  EvidenceStore store() {
    return store;
  }

  @Override
  Connection ownerConnection() throws SQLException {
    return DriverManager.getConnection(config.jdbcUrl());
  }
}
