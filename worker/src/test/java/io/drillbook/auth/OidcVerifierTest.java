package io.drillbook.auth;

import static io.drillbook.auth.TestIdentityProvider.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OIDC tokens checked against a JWKS fetched over HTTP from a local identity provider. */
class OidcVerifierTest {
  static TestIdentityProvider idp;
  static OidcVerifier verifier;

  @BeforeAll
  static void start() throws Exception {
    idp = new TestIdentityProvider();
    verifier = new OidcVerifier(OidcSettings.fromEnvironment(idp.env()).orElseThrow());
  }

  @AfterAll
  static void stop() {
    idp.close();
  }

  @Test
  void rs256AndEs256TokensNameTheCallerItsRolesAndItsTenant() throws Exception {
    Principal client = verifier.verify(idp.rs256(claims("dsi-client", List.of("client-approver", "offline_access"),
        "clinic-a").build()));
    assertEquals("dsi-client", client.name());
    assertEquals(Set.of(Role.CLIENT_APPROVER), client.roles());
    assertEquals("clinic-a", client.tenant());
    assertEquals("oidc:sub-dsi-client", client.credential());

    Principal msp = verifier.verify(idp.es256(claims("oncall", List.of("msp-operator"), null).build()));
    assertEquals(Set.of(Role.MSP_OPERATOR), msp.roles());
    assertNull(msp.tenant());
    assertTrue(msp.scope().includes("any-tenant"));
  }

  @Test
  void expiredNotYetValidWrongAudienceAndWrongIssuerAreRefused() throws Exception {
    Instant now = Instant.now();
    Map<String, String> refused = new HashMap<>();
    refused.put("expired", idp.rs256("oncall", List.of("msp-admin"), null,
        c -> c.expirationTime(Date.from(now.minusSeconds(120)))));
    refused.put("not yet valid", idp.rs256("oncall", List.of("msp-admin"), null,
        c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))));
    refused.put("no expiry", idp.rs256("oncall", List.of("msp-admin"), null, c -> c.expirationTime(null)));
    refused.put("wrong audience", idp.rs256("oncall", List.of("msp-admin"), null, c -> c.audience("another-app")));
    refused.put("wrong issuer", idp.rs256("oncall", List.of("msp-admin"), null, c -> c.issuer("https://evil.test")));
    refused.put("bad signature", idp.rs256ByAnImpostor(claims("oncall", List.of("msp-admin"), null).build()));
    refused.put("alg none", TestIdentityProvider.unsigned(claims("oncall", List.of("msp-admin"), null).build()));
    refused.put("HS256 keyed with the public key", idp.hs256WithThePublicKey(claims("oncall", List.of("msp-admin"), null).build()));
    refused.put("not a JWT", "not-a-jwt");
    refused.put("no name", idp.rs256("oncall", List.of("msp-admin"), null, c -> c.claim("preferred_username", null)));
    refused.put("client role without tenant", idp.rs256("dsi-client", List.of("client-viewer"), null, c -> c));
    refused.forEach((why, token) -> {
      AuthenticationFailure e = assertThrows(AuthenticationFailure.class, () -> verifier.verify(token), why);
      assertTrue(e.fix() != null && !e.fix().isBlank(), why);
    });
  }

  @Test
  void aSmallClockSkewIsTolerated() throws Exception {
    String justExpired = idp.rs256("oncall", List.of("msp-admin"), null,
        c -> c.expirationTime(Date.from(Instant.now().minusSeconds(OidcVerifier.CLOCK_SKEW_SECONDS / 2))));
    assertEquals("oncall", verifier.verify(justExpired).name());
  }

  @Test
  void claimNamesAreConfigurableAndMayBeNestedPaths() throws Exception {
    Map<String, String> env = new HashMap<>(idp.env());
    env.put("DRILLBOOK_OIDC_ROLES_CLAIM", "realm_access.roles");
    env.put("DRILLBOOK_OIDC_TENANT_CLAIM", "org");
    env.put("DRILLBOOK_OIDC_NAME_CLAIM", "raci_name");
    OidcVerifier keycloakLike = new OidcVerifier(OidcSettings.fromEnvironment(env).orElseThrow());
    Principal p = keycloakLike.verify(idp.rs256("ignored", List.of(), null, c -> c
        .claim("realm_access", Map.of("roles", List.of("client-viewer"))).claim("org", "clinic-b")
        .claim("raci_name", "head-nurse")));
    assertEquals("head-nurse", p.name());
    assertEquals(Set.of(Role.CLIENT_VIEWER), p.roles());
    assertEquals("clinic-b", p.tenant());
  }

  @Test
  void aTokenWithoutADrillbookRoleAuthenticatesAsACallerWhoMayDoNothing() throws Exception {
    Principal p = verifier.verify(idp.rs256(claims("visitor", List.of("offline_access"), null).build()));
    for (Permission permission : Permission.values()) {
      assertTrue(!p.may(permission), permission.toString());
    }
  }

  @Test
  void anUnreachableJwksIsTheServiceFaultNotTheCallers() throws Exception {
    Map<String, String> env = new HashMap<>(idp.env());
    env.put("DRILLBOOK_OIDC_JWKS_URL", "http://127.0.0.1:9/jwks");
    OidcVerifier offline = new OidcVerifier(OidcSettings.fromEnvironment(env).orElseThrow());
    String token = idp.rs256(claims("oncall", List.of("msp-admin"), null).build());
    assertThrows(IdentityProviderUnavailable.class, () -> offline.verify(token));
  }

  @Test
  void anIncompleteConfigurationIsRefusedAtStart() {
    assertTrue(OidcSettings.fromEnvironment(Map.of()).isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OidcSettings.fromEnvironment(Map.of("DRILLBOOK_OIDC_JWKS_URL", idp.jwksUrl())));
    assertTrue(e.getMessage().contains("DRILLBOOK_OIDC_AUDIENCE"), e.getMessage());
  }
}
