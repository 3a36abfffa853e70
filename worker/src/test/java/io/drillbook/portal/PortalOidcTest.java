package io.drillbook.portal;

import static io.drillbook.portal.PortalFixture.TENANT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.TestIdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign-in with the identity provider, the authorization code flow with PKCE, against the test provider (which
 * only hands out a token for the verifier of the challenge it was sent): the portal's user is the principal of
 * the provider's token, and an answer that does not belong to a sign-in started from this browser is refused; the
 * button also works in headless Chromium.
 */
class PortalOidcTest {
  @TempDir static Path home;
  static TestIdentityProvider idp;
  static PortalFixture f;
  static String drillOfA;
  private final HttpClient browserLeg = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    idp = new TestIdentityProvider();
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    f = new PortalFixture(home, idp.portalEnv("http://127.0.0.1:" + port), port);
    drillOfA = f.drillWaitingForSignOff("a-exercise");
  }

  @AfterAll
  static void stop() {
    f.close();
    idp.close();
  }

  /** Follows the portal's redirect to the provider, and the provider's back; returns the callback's address. */
  private String throughTheProvider(PortalClient client) throws IOException, InterruptedException {
    assertTrue(client.get("/portal/signin").body().contains("id=\"sign-in-oidc\""));
    HttpResponse<String> toProvider = client.get("/portal/signin/oidc");
    assertEquals(302, toProvider.statusCode());
    String authorize = toProvider.headers().firstValue("Location").orElseThrow();
    assertTrue(authorize.startsWith(idp.authorizationUrl() + "?response_type=code&client_id="), authorize);
    assertTrue(authorize.contains("code_challenge_method=S256") && authorize.contains("redirect_uri="
        + java.net.URLEncoder.encode(f.portal() + "/signin/oidc/callback", java.nio.charset.StandardCharsets.UTF_8)),
        authorize);
    HttpResponse<String> back = browserLeg.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(302, back.statusCode(), back.body());
    String callback = back.headers().firstValue("Location").orElseThrow();
    return callback.substring(callback.indexOf("/portal/"));
  }

  @Test
  void theProvidersUserSignsInAndActsUnderTheTokensName() throws Exception {
    idp.signInAs("dsi-client", List.of("client-approver"), TENANT_A);
    PortalClient client = new PortalClient(f.portal());
    HttpResponse<String> signedIn = client.get(throughTheProvider(client));
    assertEquals(303, signedIn.statusCode(), signedIn.body());
    assertEquals("/portal/drills", signedIn.headers().firstValue("Location").orElse(null));
    String cookie = PortalClient.setCookie(signedIn, PortalCookies.SESSION);
    assertNotNull(cookie);
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
    HttpResponse<String> inbox = client.get("/portal/approvals");
    assertEquals(200, inbox.statusCode());
    assertTrue(inbox.body().contains("dsi-client · client-approver · clinic-a"), inbox.body());
    assertTrue(inbox.body().contains(drillOfA + "/sign-off"), "the Accountable's inbox holds the sign-off");
  }

  @Test
  void anAnswerNotStartedFromThisBrowserOrUsedTwiceIsRefused() throws Exception {
    idp.signInAs("dsi-client", List.of("client-approver"), TENANT_A);
    PortalClient starter = new PortalClient(f.portal());
    String callback = throughTheProvider(starter);

    PortalClient other = new PortalClient(f.portal());
    HttpResponse<String> stolen = other.get(callback);
    assertEquals(403, stolen.statusCode());
    assertTrue(stolen.body().contains("sign-in started from this browser"), stolen.body());
    assertNull(PortalClient.setCookie(stolen, PortalCookies.SESSION));

    assertEquals(303, starter.get(callback).statusCode());
    starter.cookies.put(PortalCookies.OIDC_STATE, callback.substring(callback.indexOf("state=") + 6));
    assertEquals(403, starter.get(callback).statusCode(), "a state is good for one sign-in");
  }

  @Test
  void theSignInButtonWorksInTheBrowser(@TempDir Path browser) {
    idp.signInAs("head-nurse", List.of("client-viewer"), TENANT_A);
    WebDriver driver = Chromium.start(browser.resolve("profile"), browser);
    try {
      driver.get(f.portal() + "/signin?lang=en");
      driver.findElement(By.id("sign-in-oidc")).click();
      new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/portal/drills"));
      assertEquals("head-nurse · client-viewer · clinic-a", driver.findElement(By.id("user")).getText());
      assertTrue(driver.findElement(By.cssSelector("#drills tr[data-drill='" + drillOfA + "']")).isDisplayed());
      Chromium.screenshot(driver, "09-oidc-signed-in");
    } finally {
      driver.quit();
    }
  }

  @Test
  void theProvidersRefusalIsShownWithWhatToDo() {
    HttpResponse<String> refused = new PortalClient(f.portal()).get("/portal/signin/oidc/callback?error=access_denied"
        + "&lang=en");
    assertEquals(401, refused.statusCode());
    assertTrue(refused.body().contains("access_denied") && refused.body().contains("ask the MSP"), refused.body());
  }
}
