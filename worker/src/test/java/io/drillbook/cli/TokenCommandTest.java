package io.drillbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.auth.AuthDatabase;
import io.drillbook.auth.AuthenticationFailure;
import io.drillbook.auth.Principal;
import io.drillbook.auth.Role;
import io.drillbook.auth.TokenStore;
import io.drillbook.evidence.EvidenceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `drillbook token create|list|revoke`, checked against what the API's token store then accepts. */
class TokenCommandTest {
  @TempDir Path home;

  @Test
  void aCreatedTokenIsPrintedOnceAuthenticatesUntilRevokedAndIsListedWithoutItsSecret() {
    Cli cli = new Cli(home);
    Cli.Result created = cli.run("token", "create", "--name", "dsi-client", "--role", "client-approver",
        "--tenant", "clinic-a", "--expires", "30d");
    assertEquals(0, created.code(), created.toString());
    String token = created.out().strip();
    assertTrue(token.matches("dbk_[0-9a-z]{12}\\.[A-Za-z0-9_-]{43}"), created.toString());
    assertTrue(created.err().contains("role client-approver, tenant clinic-a"), created.toString());
    String id = token.substring(0, token.indexOf('.'));

    try (AuthDatabase auth = AuthDatabase.open(EvidenceConfig.h2(home))) {
      TokenStore store = auth.tokens();
      Principal p = store.authenticate(token);
      assertEquals("dsi-client", p.name());
      assertEquals(Set.of(Role.CLIENT_APPROVER), p.roles());
      assertEquals("clinic-a", p.tenant());
    }

    Cli.Result list = cli.run("token", "list");
    assertEquals(0, list.code(), list.toString());
    assertTrue(list.out().contains(id) && list.out().contains("active"), list.out());
    assertTrue(!list.out().contains(token.substring(token.indexOf('.') + 1)), "the secret is never listed");

    Cli.Result revoked = cli.run("token", "revoke", id);
    assertEquals(0, revoked.code(), revoked.toString());
    assertTrue(cli.run("token", "list").out().contains("revoked"));
    try (AuthDatabase auth = AuthDatabase.open(EvidenceConfig.h2(home))) {
      TokenStore store = auth.tokens();
      AuthenticationFailure e = assertThrows(AuthenticationFailure.class, () -> store.authenticate(token));
      assertTrue(e.detail().contains("revoked"), e.detail());
    }
  }

  @Test
  void aTokenStopsWorkingWhenItExpires() throws Exception {
    Cli cli = new Cli(home);
    try (AuthDatabase auth = AuthDatabase.open(EvidenceConfig.h2(home))) {
      TokenStore store = auth.tokens();
      Cli.Result created = cli.run("token", "create", "--name", "oncall", "--role", "msp-operator", "--expires", "3s",
          "--json");
      assertEquals(0, created.code(), created.toString());
      JsonNode json = new ObjectMapper().readTree(created.out());
      String token = json.get("token").asText();
      assertEquals("msp-operator", json.get("role").asText());
      assertTrue(json.get("tenant").isNull());
      assertEquals("oncall", store.authenticate(token).name());
      Thread.sleep(Duration.between(Instant.now(), Instant.parse(json.get("expiresAt").asText())).toMillis() + 50);
      AuthenticationFailure e = assertThrows(AuthenticationFailure.class, () -> store.authenticate(token));
      assertTrue(e.detail().contains("expired"), e.detail());
    }
    assertTrue(cli.run("token", "list").out().contains("expired"));
  }

  @Test
  void mistakesAreExplained() {
    Cli cli = new Cli(home);
    Cli.Result role = cli.run("token", "create", "--name", "x", "--role", "root");
    assertEquals(1, role.code(), role.toString());
    assertTrue(role.err().contains("msp-admin, msp-operator"), role.toString());
    Cli.Result noTenant = cli.run("token", "create", "--name", "x", "--role", "client-viewer");
    assertEquals(1, noTenant.code(), noTenant.toString());
    assertTrue(noTenant.err().contains("--tenant"), noTenant.toString());
    Cli.Result expires = cli.run("token", "create", "--name", "x", "--role", "scheduler", "--expires", "forever");
    assertEquals(1, expires.code(), expires.toString());
    assertTrue(expires.err().contains("30d") || expires.err().contains("2d"), expires.toString());
    Cli.Result unknown = cli.run("token", "revoke", "dbk_nosuchtoken1");
    assertEquals(1, unknown.code(), unknown.toString());
    Cli.Result empty = cli.run("token", "list");
    assertTrue(empty.out().contains("no API tokens"), empty.toString());
  }
}
