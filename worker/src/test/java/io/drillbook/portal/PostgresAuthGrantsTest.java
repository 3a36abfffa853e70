package io.drillbook.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.IssuedToken;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.testing.PostgresTestDatabase;
import io.drillbook.testing.WorkerRole;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/sql/auth-grants.sql as an operator applies it: the worker's role, with migrations off, authenticates
 * tokens and keeps portal sessions and OIDC sign-ins, and cannot create, revoke or change a token.
 */
class PostgresAuthGrantsTest {
  private static final Path GRANTS = Path.of("..", "deploy", "sql", "auth-grants.sql");

  private static PostgresTestDatabase db;
  private static WorkerRole worker;
  private static IssuedToken token;

  @BeforeAll
  static void migrateAndGrant() throws SQLException, IOException {
    db = PostgresTestDatabase.create();
    worker = WorkerRole.create(db);
    EvidenceConfig owner = new EvidenceConfig(db.jdbcUrl(), db.user(), db.password(), true);
    try (AuthDatabase auth = AuthDatabase.open(owner)) {
      token = auth.tokens().create("dsi-client", Role.CLIENT_APPROVER, "clinic-a", Duration.ofHours(1));
    }
    worker.grant(GRANTS);
  }

  @AfterAll
  static void drop() throws SQLException {
    db.close();
    worker.drop();
  }

  @Test
  void theWorkerRoleAuthenticatesAndKeepsPortalSessions() {
    PortalSettings settings = new PortalSettings(null, false, Duration.ofMinutes(30), Duration.ofHours(12),
        Optional.empty());
    try (AuthDatabase auth = AuthDatabase.open(worker.config())) {
      TokenStore tokens = auth.tokens();
      SessionStore sessions = SessionStore.on(auth, settings);
      Principal who = tokens.authenticate(token.bearer());
      assertEquals("dsi-client", who.name());
      Instant now = Instant.now();
      PortalSession session = sessions.open(who, now);
      assertEquals(who, sessions.find(session.id(), now.plusSeconds(60)).orElseThrow().principal());
      sessions.close(session.id());
      assertTrue(sessions.find(session.id(), now).isEmpty());
      sessions.beginLogin("state", "verifier", now);
      assertEquals(Optional.of("verifier"), sessions.finishLogin("state", now));
    }
  }

  @Test
  void theWorkerRoleCannotMakeRevokeOrChangeTokens() throws SQLException {
    try (Connection c = worker.connect(); Statement st = c.createStatement()) {
      for (String sql : new String[] {
          "INSERT INTO api_token (id, secret_sha256, name, role, created_at, expires_at) "
              + "VALUES ('dbk_x', 'x', 'x', 'msp-admin', now(), now())",
          "UPDATE api_token SET role = 'msp-admin'",
          "UPDATE api_token SET revoked_at = now()",
          "DELETE FROM api_token",
          "DELETE FROM auth_schema_history"}) {
        SQLException denied = assertThrows(SQLException.class, () -> st.execute(sql), sql);
        assertEquals("42501", denied.getSQLState(), sql + ": " + denied.getMessage());
      }
    }
  }
}
