package io.drillbook.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.IssuedToken;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceConfig;
import io.drillbook.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Portal sessions on both databases drillbook runs on: idle expiry and the hard lifetime (with explicit times,
 * no waiting), sign-out, the end of a token's sessions when it is revoked or expires, IDs kept only as hashes,
 * and one-time OIDC sign-ins.
 */
class SessionStoreTest {
  static final Duration IDLE = Duration.ofMinutes(30);
  static final Duration MAX = Duration.ofHours(12);
  static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
  static final Principal OIDC_USER = new Principal("dsi-client", Set.of(Role.CLIENT_APPROVER), "clinic-a", "oidc:sub-1");

  static PostgresTestDatabase postgres;
  static Path h2Home;

  @BeforeAll
  static void create(@org.junit.jupiter.api.io.TempDir Path dir) throws SQLException {
    postgres = PostgresTestDatabase.create();
    h2Home = dir;
  }

  @AfterAll
  static void drop() throws SQLException {
    postgres.close();
  }

  static Stream<String> databases() {
    return Stream.of("h2", "postgresql");
  }

  private static EvidenceConfig config(String database) {
    return database.equals("h2") ? EvidenceConfig.h2(h2Home)
        : new EvidenceConfig(postgres.jdbcUrl(), postgres.user(), postgres.password(), true);
  }

  private static AuthDatabase open(String database) {
    return AuthDatabase.open(config(database));
  }

  private static SessionStore sessions(AuthDatabase auth) {
    return SessionStore.on(auth, new PortalSettings(null, false, IDLE, MAX, Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSessionEndsAfterItsIdleTimeButEveryRequestRestartsTheClock(String database) {
    try (AuthDatabase auth = open(database)) {
      SessionStore sessions = sessions(auth);
      PortalSession kept = sessions.open(OIDC_USER, T0);
      assertEquals(OIDC_USER, sessions.find(kept.id(), T0.plus(Duration.ofMinutes(20))).orElseThrow().principal());
      assertTrue(sessions.find(kept.id(), T0.plus(Duration.ofMinutes(45))).isPresent(), "seen at 20 min: alive at 45");

      PortalSession idle = sessions.open(OIDC_USER, T0);
      assertTrue(sessions.find(idle.id(), T0.plus(IDLE)).isEmpty());
      assertTrue(sessions.find(idle.id(), T0).isEmpty(), "an ended session is deleted, not just hidden");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aSessionEndsAtItsHardLifetimeHoweverActive(String database) {
    try (AuthDatabase auth = open(database)) {
      SessionStore sessions = sessions(auth);
      PortalSession session = sessions.open(OIDC_USER, T0);
      Instant t = T0;
      while (t.plus(Duration.ofMinutes(20)).isBefore(T0.plus(MAX))) {
        t = t.plus(Duration.ofMinutes(20));
        assertTrue(sessions.find(session.id(), t).isPresent(), "active at " + t);
      }
      assertTrue(sessions.find(session.id(), T0.plus(MAX)).isEmpty());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void signingOutOrLosingTheTokenEndsTheSession(String database) {
    try (AuthDatabase auth = open(database)) {
      SessionStore sessions = sessions(auth);
      TokenStore tokens = auth.tokens();
      PortalSession signedOut = sessions.open(OIDC_USER, T0);
      sessions.close(signedOut.id());
      assertTrue(sessions.find(signedOut.id(), T0).isEmpty());

      Instant now = Instant.now();
      IssuedToken revoked = tokens.create("dsi-client", Role.CLIENT_APPROVER, "clinic-a", Duration.ofHours(1));
      PortalSession ofRevoked = sessions.open(tokens.authenticate(revoked.bearer()), now);
      assertTrue(sessions.find(ofRevoked.id(), now).isPresent());
      tokens.revoke(revoked.token().id());
      assertTrue(sessions.find(ofRevoked.id(), now).isEmpty());

      IssuedToken shortLived = tokens.create("dsi-client", Role.CLIENT_APPROVER, "clinic-a", Duration.ofMinutes(5));
      PortalSession ofShortLived = sessions.open(tokens.authenticate(shortLived.bearer()), now);
      assertTrue(sessions.find(ofShortLived.id(), now.plus(Duration.ofMinutes(4))).isPresent());
      assertTrue(sessions.find(ofShortLived.id(), now.plus(Duration.ofMinutes(6))).isEmpty(), "the token expired");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theTableHoldsNoSessionIdThatCouldBeReplayed(String database) throws SQLException {
    try (AuthDatabase auth = open(database)) {
      SessionStore sessions = sessions(auth);
      PortalSession session = sessions.open(OIDC_USER, T0);
      EvidenceConfig config = config(database);
      try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
          ResultSet rs = c.createStatement().executeQuery("SELECT * FROM portal_session")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            assertFalse(session.id().equals(rs.getString(i)), "column " + rs.getMetaData().getColumnName(i));
          }
        }
        assertTrue(rows > 0);
      }
      assertTrue(sessions.find(SessionStore.sha256(session.id()), T0).isEmpty(), "the stored hash opens nothing");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void anOidcSignInCanBeFinishedOnceAndOnlyWithinItsWindow(String database) {
    try (AuthDatabase auth = open(database)) {
      SessionStore sessions = sessions(auth);
      sessions.beginLogin("state-1", "verifier-1", T0);
      assertEquals(Optional.of("verifier-1"), sessions.finishLogin("state-1", T0.plusSeconds(30)));
      assertEquals(Optional.empty(), sessions.finishLogin("state-1", T0.plusSeconds(31)), "used once");
      sessions.beginLogin("state-2", "verifier-2", T0);
      assertEquals(Optional.empty(), sessions.finishLogin("state-2", T0.plus(SessionStore.LOGIN_WINDOW)));
      assertEquals(Optional.empty(), sessions.finishLogin("never-started", T0));
    }
  }
}
