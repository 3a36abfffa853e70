package io.drillbook.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.evidence.report.ReportLanguage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portal's settings from the environment, and what is said when they are wrong; the language choice. */
class PortalSettingsTest {

  @Test
  void defaultsAreAPlainCookieAndHalfAnHourIdle() {
    PortalSettings s = PortalSettings.fromEnvironment(Map.of(), false);
    assertFalse(s.secureCookie());
    assertEquals(Duration.ofMinutes(30), s.idleTimeout());
    assertEquals(Duration.ofHours(12), s.maxLifetime());
    assertTrue(s.oidc().isEmpty());
  }

  @Test
  void theCookieIsSecureWhenAskedOrWhenThePortalIsServedOverHttps() {
    assertTrue(PortalSettings.fromEnvironment(Map.of("DRILLBOOK_PORTAL_SECURE_COOKIE", "true"), false).secureCookie());
    assertTrue(PortalSettings.fromEnvironment(Map.of("DRILLBOOK_PORTAL_URL", "https://drillbook.msp.example/"), false)
        .secureCookie());
    assertFalse(PortalSettings.fromEnvironment(Map.of("DRILLBOOK_PORTAL_URL", "http://127.0.0.1:8080"), false)
        .secureCookie());
  }

  @Test
  void halfConfiguredOidcSignInNamesWhatIsMissing() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortalSettings.fromEnvironment(
        Map.of("DRILLBOOK_OIDC_CLIENT_ID", "drillbook-portal"), true));
    assertTrue(e.getMessage().contains("DRILLBOOK_OIDC_AUTHORIZATION_URL") && e.getMessage().contains(
        "DRILLBOOK_OIDC_TOKEN_URL") && e.getMessage().contains("DRILLBOOK_PORTAL_URL"), e.getMessage());
    IllegalArgumentException noJwks = assertThrows(IllegalArgumentException.class, () -> PortalSettings.fromEnvironment(
        Map.of("DRILLBOOK_OIDC_CLIENT_ID", "c", "DRILLBOOK_OIDC_AUTHORIZATION_URL", "https://idp/auth",
            "DRILLBOOK_OIDC_TOKEN_URL", "https://idp/token", "DRILLBOOK_PORTAL_URL", "https://p"), false));
    assertTrue(noJwks.getMessage().contains("DRILLBOOK_OIDC_JWKS_URL"), noJwks.getMessage());
  }

  @Test
  void oidcSignInRedirectsToThePortalsConfiguredAddress() {
    var client = PortalSettings.fromEnvironment(Map.of("DRILLBOOK_OIDC_CLIENT_ID", "drillbook-portal",
        "DRILLBOOK_OIDC_AUTHORIZATION_URL", "https://sso.example/auth", "DRILLBOOK_OIDC_TOKEN_URL",
        "https://sso.example/token", "DRILLBOOK_PORTAL_URL", "https://drillbook.msp.example"), true).oidc().orElseThrow();
    assertEquals("https://drillbook.msp.example/portal/signin/oidc/callback", client.redirect().toString());
    assertEquals("openid", client.scope());
  }

  @Test
  void aWrongDurationSaysHowToWriteOne() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortalSettings.fromEnvironment(
        Map.of("DRILLBOOK_PORTAL_SESSION_IDLE", "half an hour"), false));
    assertTrue(e.getMessage().contains("DRILLBOOK_PORTAL_SESSION_IDLE") && e.getMessage().contains("15m"),
        e.getMessage());
  }

  @Test
  void theLanguageIsTheFirstOfFrenchAndEnglishTheBrowserAsksForAndFrenchOtherwise() {
    assertEquals(ReportLanguage.EN, PortalLanguage.fromHeader("en-US,en;q=0.9"));
    assertEquals(ReportLanguage.FR, PortalLanguage.fromHeader("fr-CA,fr;q=0.9,en;q=0.8"));
    assertEquals(ReportLanguage.EN, PortalLanguage.fromHeader("de-DE,en;q=0.7,fr;q=0.5"));
    assertEquals(ReportLanguage.FR, PortalLanguage.fromHeader("de-DE"));
    assertEquals(ReportLanguage.FR, PortalLanguage.fromHeader(null));
    assertEquals(ReportLanguage.FR, PortalLanguage.fromHeader("not a header;;;"));
  }

  @Test
  void afterSignInOnlyAPortalPageIsAPlaceToGo() {
    assertEquals("/portal/drills/drl-1?x=1", SignIn.next("/portal/drills/drl-1?x=1"));
    for (String elsewhere : new String[] {null, "https://evil.example/", "//evil.example/portal/", "/api/v1/drills",
        "/portal/signin/oidc", "/portal\\..\\x"}) {
      assertEquals("/portal/drills", SignIn.next(elsewhere), elsewhere);
    }
  }
}
