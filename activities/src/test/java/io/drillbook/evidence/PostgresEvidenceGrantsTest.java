package io.drillbook.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.testing.PostgresTestDatabase;
import io.drillbook.testing.WorkerRole;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/sql/evidence-grants.sql as an operator applies it: the worker's role, with migrations off, appends,
 * anchors and verifies, and cannot change or remove a row.
 */
class PostgresEvidenceGrantsTest {

  private static final Path GRANTS = Path.of("..", "deploy", "sql", "evidence-grants.sql");

  private static PostgresTestDatabase db;
  private static WorkerRole worker;

  @BeforeAll
  static void migrateAndGrant() throws SQLException, IOException {
    db = PostgresTestDatabase.create();
    worker = WorkerRole.create(db);
    EvidenceStore.open(new EvidenceConfig(db.jdbcUrl(), db.user(), db.password(), true)).close();
    worker.grant(GRANTS);
  }

  @AfterAll
  static void drop() throws SQLException {
    db.close();
    worker.drop();
  }

  @Test
  void theWorkerRoleAppendsAnchorsAndVerifies() {
    try (EvidenceStore store = EvidenceStore.open(worker.config())) {
      SampleDrill drill = SampleDrill.of("tenant-a");
      drill.complete("ehr-restore", "RESTORE_TEST", 2, "PASSED").forEach(store::append);
      assertEquals(1, store.anchor("tenant-a", drill.drillId()).seq());
      assertTrue(store.verify(drill.drillId()).intact());
      assertTrue(store.verifyTenant("tenant-a").intact());
      assertEquals(1, store.drills(DrillFilter.all().withTenant("tenant-a")).size());
    }
  }

  @Test
  void theWorkerRoleCannotChangeOrRemoveEvidence() throws SQLException {
    try (Connection c = worker.connect(); Statement st = c.createStatement()) {
      for (String sql : new String[] {
          "UPDATE evidence_event SET payload = '{}'",
          "DELETE FROM evidence_event",
          "UPDATE evidence_anchor SET last_seq = 1",
          "DELETE FROM evidence_anchor",
          "TRUNCATE evidence_event",
          "DELETE FROM evidence_schema_history"}) {
        SQLException denied = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals("42501", denied.getSQLState(), sql + ": " + denied.getMessage());
      }
    }
  }
}
