package io.drillbook.evidence;

import io.drillbook.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on PostgreSQL, in a database of its own dropped afterwards. */
class PostgresEvidenceStoreTest extends EvidenceStoreContract {

  private static PostgresTestDatabase db;
  private static EvidenceStore store;

  @BeforeAll
  static void open() throws SQLException {
    db = PostgresTestDatabase.create();
    store = EvidenceStore.open(new EvidenceConfig(db.jdbcUrl(), db.user(), db.password(), true));
  }

  @AfterAll
  static void close() throws SQLException {
    if (store != null) {
      store.close();
    }
    db.close();
  }

  @Override
  EvidenceStore store() {
    return store;
  }

  @Override
  Connection ownerConnection() throws SQLException {
    return db.connect();
  }
}
