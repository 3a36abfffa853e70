package io.drillbook.api;

import static io.drillbook.api.ApiFixture.TENANT_A;
import static io.drillbook.api.ApiFixture.TENANT_B;
import static io.drillbook.auth.TestIdentityProvider.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drillbook.api.ApiFixture.Response;
import io.drillbook.auth.TestIdentityProvider;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API with OIDC configured: identity-provider tokens work beside local API tokens, bad ones are 401. */
class OidcApiTest {
  @TempDir static Path home;
  static TestIdentityProvider idp;
  static ApiFixture f;
  static String drillOfA;

  @BeforeAll
  static void start() throws Exception {
    idp = new TestIdentityProvider();
    f = new ApiFixture(home, idp.env());
    drillOfA = f.startWaitingDrill("a-exercise");
  }

  @AfterAll
  static void stop() {
    f.close();
    idp.close();
  }

  @Test
  void aClientTokenFromTheIdentityProviderReadsItsTenantOnly() throws Exception {
    String ofA = idp.rs256(claims("head-nurse", List.of("client-viewer"), TENANT_A).build());
    assertEquals(200, f.get(ofA, "/drills/" + drillOfA).status());
    String ofB = idp.es256(claims("head-nurse", List.of("client-viewer"), TENANT_B).build());
    assertEquals(404, f.get(ofB, "/drills/" + drillOfA).status());
    assertEquals(403, f.post(ofA, "/drills/" + drillOfA + "/abort", "").status());
  }

  @Test
  void anOperatorTokenActsUnderItsNameClaim() throws Exception {
    String oncall = idp.rs256(claims("oncall", List.of("msp-operator"), null).build());
    Response done = f.post(oncall, "/drills/" + drillOfA + "/steps/prepare/complete", "");
    assertEquals(200, done.status(), done.toString());
    assertEquals("oncall", done.body().get("actor").asText());
  }

  @Test
  void badTokensAre401() throws Exception {
    Instant now = Instant.now();
    List<String> bad = List.of(
        idp.rs256("oncall", List.of("msp-admin"), null, c -> c.expirationTime(Date.from(now.minusSeconds(300)))),
        idp.rs256("oncall", List.of("msp-admin"), null, c -> c.audience("another-app")),
        idp.rs256("oncall", List.of("msp-admin"), null, c -> c.issuer("https://evil.test")),
        idp.rs256ByAnImpostor(claims("oncall", List.of("msp-admin"), null).build()),
        TestIdentityProvider.unsigned(claims("oncall", List.of("msp-admin"), null).build()),
        idp.hs256WithThePublicKey(claims("oncall", List.of("msp-admin"), null).build()));
    for (String token : bad) {
      Response r = f.get(token, "/drills");
      assertEquals(401, r.status(), r.toString());
      assertEquals("unauthorized", r.error());
    }
  }

  @Test
  void aTokenWithoutADrillbookRoleIs403() throws Exception {
    String visitor = idp.rs256(claims("visitor", List.of("offline_access"), null).build());
    assertEquals(403, f.get(visitor, "/drills").status());
    assertEquals(403, f.get(visitor, "/plans").status());
  }
}
