package io.drillbook.portal;

import static io.drillbook.portal.PortalFixture.TENANT_A;
import static io.drillbook.portal.PortalFixture.TENANT_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.Role;
import io.drillbook.drill.DrillId;
import io.drillbook.drill.StepState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portal at the HTTP level: headers, cookie flags, CSRF refusals, the RACI refusal of a decision by someone
 * who is not the step's Accountable, tenant isolation, sign-out and revocation, languages, error pages.
 */
class PortalHttpTest {
  @TempDir static Path home;
  static PortalFixture f;
  static String waitingOfA;
  static String drillOfB;

  @BeforeAll
  static void start() throws Exception {
    f = new PortalFixture(home, Map.of());
    waitingOfA = f.drillWaitingForSignOff("a-exercise");
    drillOfB = f.drillWaitingForSignOff("b-exercise");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static PortalClient signedIn(String name, Role role, String tenant) {
    PortalClient client = new PortalClient(f.portal());
    HttpResponse<String> answer = client.signIn(f.token(name, role, tenant));
    assertEquals(303, answer.statusCode(), answer.body());
    return client;
  }

  @Test
  void everyPageCarriesTheSecurityHeadersAndNoScript() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    for (String path : new String[] {"/portal/signin", "/portal/drills", "/portal/drills/" + waitingOfA,
        "/portal/approvals", "/portal/no-such-page"}) {
      HttpResponse<String> page = client.get(path);
      String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
      assertEquals(Portal.CONTENT_SECURITY_POLICY, csp, path);
      assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
      assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), csp);
      assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null), path);
      assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null), path);
      assertFalse(page.body().contains("<script") || page.body().contains(" style="), path);
      assertTrue(page.headers().firstValue("Strict-Transport-Security").isEmpty(), "HSTS only over https: " + path);
    }
    HttpResponse<String> proxied = client.get("/portal/drills", "X-Forwarded-Proto", "https");
    assertEquals(Portal.STRICT_TRANSPORT_SECURITY, proxied.headers().firstValue("Strict-Transport-Security").orElse(null));
  }

  @Test
  void theSessionCookieIsHttpOnlyAndLaxAndSecureOnlyOverHttps() {
    PortalClient plain = new PortalClient(f.portal());
    String cookie = PortalClient.setCookie(plain.signIn(f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A)),
        PortalCookies.SESSION);
    assertNotNull(cookie);
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Lax"), cookie);
    assertTrue(cookie.contains("Path=/portal"), cookie);
    assertFalse(cookie.contains("Secure"), cookie);
    assertFalse(cookie.contains("Max-Age") || cookie.contains("Expires"), "a session cookie ends with the browser: " + cookie);

    PortalClient proxied = new PortalClient(f.portal());
    String behindHttps = PortalClient.setCookie(proxied.signIn(f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A),
        "X-Forwarded-Proto", "https"), PortalCookies.SESSION);
    assertTrue(behindHttps.contains("Secure") && behindHttps.contains("HttpOnly"), behindHttps);
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenIsRefused() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    String path = "/portal/drills/" + waitingOfA + "/steps/sign-off/decide";
    for (Map<String, String> form : java.util.List.of(Map.of("verb", "approve"),
        Map.of("verb", "approve", "csrf", "forged"))) {
      HttpResponse<String> refused = client.post(path, form);
      assertEquals(403, refused.statusCode());
      assertTrue(refused.body().contains("Formulaire refusé") && refused.body().contains("Rechargez la page"),
          refused.body());
      assertFalse(refused.body().contains("Exception") || refused.body().contains("at io.drillbook"), refused.body());
    }
    HttpResponse<String> signOut = client.post("/portal/signout", Map.of());
    assertEquals(403, signOut.statusCode());
    assertEquals(200, client.get("/portal/drills").statusCode(), "the refused sign-out changed nothing");
    assertTrue(f.events(waitingOfA, "approval.granted").isEmpty());
    assertTrue(f.events(waitingOfA, "approval.denied").isEmpty());
  }

  @Test
  void theSignInFormNeedsItsOwnCsrfToken() {
    PortalClient client = new PortalClient(f.portal());
    HttpResponse<String> refused = client.post("/portal/signin",
        Map.of("token", f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A)));
    assertEquals(403, refused.statusCode());
    assertNull(PortalClient.setCookie(refused, PortalCookies.SESSION));
  }

  @Test
  void someoneTheRaciDoesNotMakeAccountableCanNeitherSeeNorTakeTheApproval() throws Exception {
    PortalClient nurse = signedIn("head-nurse", Role.CLIENT_APPROVER, TENANT_A);
    HttpResponse<String> inbox = nurse.get("/portal/approvals");
    assertEquals(200, inbox.statusCode());
    assertFalse(inbox.body().contains(waitingOfA), "the nurse's inbox lists the sign-off");
    String csrf = PortalClient.csrf(inbox.body());
    HttpResponse<String> refused = nurse.post("/portal/drills/" + waitingOfA + "/steps/sign-off/decide",
        Map.of("csrf", csrf, "verb", "approve", "comment", "let me"));
    assertEquals(403, refused.statusCode(), refused.body());
    assertTrue(refused.body().contains("RACI"), refused.body());
    f.awaitStep(waitingOfA, "sign-off", StepState.WAITING);
    assertTrue(f.events(waitingOfA, "approval.granted").isEmpty());

    PortalClient viewer = signedIn("dsi-client", Role.CLIENT_VIEWER, TENANT_A);
    HttpResponse<String> notAllowed = viewer.post("/portal/drills/" + waitingOfA + "/steps/sign-off/decide",
        Map.of("csrf", PortalClient.csrf(viewer.get("/portal/drills").body()), "verb", "approve"));
    assertEquals(403, notAllowed.statusCode());
    assertTrue(notAllowed.body().contains("client-viewer"), notAllowed.body());
  }

  @Test
  void anotherTenantsDrillIsNotFoundExactlyLikeOneThatDoesNotExist() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    HttpResponse<String> list = client.get("/portal/drills");
    assertTrue(list.body().contains(waitingOfA));
    assertFalse(list.body().contains(drillOfB) || list.body().contains(TENANT_B));
    String missing = DrillId.newId();
    for (String suffix : new String[] {"", "/bundle.zip"}) {
      HttpResponse<String> other = client.get("/portal/drills/" + drillOfB + suffix);
      HttpResponse<String> none = client.get("/portal/drills/" + missing + suffix);
      assertEquals(404, other.statusCode());
      assertEquals(404, none.statusCode());
      assertEquals(none.body().replace(missing, "ID"), other.body().replace(drillOfB, "ID"));
    }
    HttpResponse<String> decide = client.post("/portal/drills/" + drillOfB + "/steps/sign-off/decide",
        Map.of("csrf", PortalClient.csrf(list.body()), "verb", "approve"));
    assertEquals(404, decide.statusCode());
  }

  @Test
  void signingOutEndsTheSession() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    String session = client.cookies.get(PortalCookies.SESSION);
    HttpResponse<String> out = client.post("/portal/signout", Map.of("csrf", PortalClient.csrf(client.get("/portal/drills").body())));
    assertEquals(303, out.statusCode());
    assertEquals("/portal/signin?signedout", out.headers().firstValue("Location").orElse(null));
    assertNull(client.cookies.get(PortalCookies.SESSION), "the cookie is cleared");
    client.cookies.put(PortalCookies.SESSION, session);
    HttpResponse<String> after = client.get("/portal/drills");
    assertEquals(303, after.statusCode(), "the old cookie no longer opens anything");
    assertEquals("/portal/signin?next=%2Fportal%2Fdrills", after.headers().firstValue("Location").orElse(null));
  }

  @Test
  void revokingTheTokenEndsItsSessions() {
    PortalClient client = new PortalClient(f.portal());
    var issued = f.tokens.create("dsi-client", Role.CLIENT_APPROVER, TENANT_A, java.time.Duration.ofHours(1));
    assertEquals(303, client.signIn(issued.bearer()).statusCode());
    assertEquals(200, client.get("/portal/drills").statusCode());
    f.tokens.revoke(issued.token().id());
    assertEquals(303, client.get("/portal/drills").statusCode());
  }

  @Test
  void aWrongTokenIsRefusedWithTheReason() {
    PortalClient client = new PortalClient(f.portal());
    HttpResponse<String> refused = client.signIn("dbk_aaaaaaaaaaaa.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("unknown or wrong API token"), refused.body());
    assertNull(PortalClient.setCookie(refused, PortalCookies.SESSION));
  }

  @Test
  void pagesAreFrenchByDefaultEnglishOnRequestAndTheSwitchIsRemembered() {
    PortalClient client = new PortalClient(f.portal());
    assertTrue(client.get("/portal/signin").body().contains("<html lang=\"fr\">"));
    assertTrue(client.get("/portal/signin", "Accept-Language", "en-GB,en;q=0.9,fr;q=0.5").body()
        .contains("<html lang=\"en\">"));
    assertTrue(client.get("/portal/signin", "Accept-Language", "de-DE,fr;q=0.8,en;q=0.5").body()
        .contains("<html lang=\"fr\">"));
    HttpResponse<String> switched = client.get("/portal/signin?lang=en");
    assertTrue(switched.body().contains("Sign in with") || switched.body().contains("Sign in"), switched.body());
    assertTrue(client.get("/portal/signin").body().contains("<html lang=\"en\">"), "the choice is remembered");
  }

  @Test
  void anUnknownAddressOrABadFilterIsAPageSayingWhatToDo() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    HttpResponse<String> missing = client.get("/portal/no-such-page");
    assertEquals(404, missing.statusCode());
    assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(missing.body().contains("Aucune page du portail"), missing.body());
    HttpResponse<String> bad = client.get("/portal/drills?since=yesterday");
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("YYYY-MM-DD"), bad.body());
  }

  @Test
  void theListPagesAndFiltersThroughTheServiceLayer() {
    PortalClient client = signedIn("dsi-client", Role.CLIENT_APPROVER, TENANT_A);
    HttpResponse<String> first = client.get("/portal/drills?plan=a-exercise&type=PCA");
    assertTrue(first.body().contains(waitingOfA));
    assertFalse(first.body().contains("id=\"previous\"") || first.body().contains("id=\"next\""));
    assertFalse(client.get("/portal/drills?plan=b-exercise").body().contains("data-drill="));
    assertFalse(client.get("/portal/drills?verdict=FAILED").body().contains("data-drill="));
    HttpResponse<String> second = client.get("/portal/drills?plan=a-exercise&page=2");
    assertEquals(200, second.statusCode());
    assertFalse(second.body().contains("data-drill="));
    assertTrue(second.body().contains("href=\"/portal/drills?plan=a-exercise&amp;page=1\""), second.body());
    assertEquals(400, client.get("/portal/drills?page=0").statusCode());
    assertEquals(400, client.get("/portal/drills?verdict=GREAT").statusCode());
    assertFalse(client.get("/portal/drills?tenant=" + TENANT_B).body().contains(drillOfB),
        "a tenant parameter cannot widen the list");
  }

  @Test
  void withoutOidcSettingsThereIsNoOidcButton() {
    String page = new PortalClient(f.portal()).get("/portal/signin?lang=en").body();
    assertFalse(page.contains("sign-in-oidc"));
    assertTrue(page.contains("not configured on this server"), page);
    assertEquals(404, new PortalClient(f.portal()).get("/portal/signin/oidc").statusCode());
  }
}
