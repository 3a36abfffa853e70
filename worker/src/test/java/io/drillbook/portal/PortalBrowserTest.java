package io.drillbook.portal;

import static io.drillbook.portal.PortalFixture.TENANT_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drillbook.auth.Role;
import io.drillbook.drill.StepState;
import io.drillbook.evidence.EvidenceEvent;
import io.drillbook.evidence.bundle.BundleVerification;
import io.drillbook.evidence.bundle.BundleVerifier;
import io.drillbook.evidence.bundle.SigningKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal in a real browser (Debian's headless Chromium): a client's Accountable signs in with a token, sees
 * its organisation's drills only, opens one, downloads its signed bundle (which verifies), switches to English,
 * approves the step waiting for it, meets another tenant's drill as a 404, and signs out; a colleague the RACI
 * does not make Accountable is offered nothing to approve. Each page is saved to target/portal-screenshots.
 */
class PortalBrowserTest {
  @TempDir static Path home;
  @TempDir static Path browser;
  static PortalFixture f;
  static WebDriver driver;
  static Path downloads;
  static String passedOfA;
  static String waitingOfA;
  static String otherWaitingOfA;
  static String drillOfB;

  @BeforeAll
  static void start() throws Exception {
    f = new PortalFixture(home, Map.of());
    passedOfA = f.passedDrill("a-exercise");
    waitingOfA = f.drillWaitingForSignOff("a-exercise");
    otherWaitingOfA = f.drillWaitingForSignOff("a-exercise");
    drillOfB = f.passedDrill("b-exercise");
    downloads = Files.createDirectories(browser.resolve("downloads"));
    driver = Chromium.start(browser.resolve("profile"), downloads);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    f.close();
  }

  @Test
  void aClientsAccountableFollowsItsDrillsAndSignsOffInTheBrowser() throws Exception {
    driver.get(f.portal() + "/drills");
    assertTrue(driver.getCurrentUrl().contains("/portal/signin?next="), driver.getCurrentUrl());
    assertEquals("fr", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
    assertTrue(driver.findElement(By.id("oidc-off")).isDisplayed());
    Chromium.screenshot(driver, "01-sign-in");

    driver.findElement(By.id("token")).sendKeys(f.token("dsi-client", Role.CLIENT_APPROVER, TENANT_A));
    driver.findElement(By.id("sign-in")).click();
    awaitUrl("/portal/drills");
    assertEquals(List.of(otherWaitingOfA, waitingOfA, passedOfA), listedDrills());
    assertFalse(driver.getPageSource().contains(drillOfB));
    Chromium.screenshot(driver, "02-drills");

    new Select(driver.findElement(By.id("verdict"))).selectByValue("PASSED");
    driver.findElement(By.id("filter")).click();
    awaitUrl("verdict=PASSED");
    assertEquals(List.of(passedOfA), listedDrills());

    driver.findElement(By.linkText(passedOfA)).click();
    awaitUrl("/portal/drills/" + passedOfA);
    assertTrue(driver.findElement(By.id("verdict")).getText().contains("RÉUSSI"));
    WebElement signOffRaci = driver.findElement(By.cssSelector("#raci tr[data-step='sign-off']"));
    assertEquals(List.of("sign-off", "oncall", "dsi-client", "—", "msp"), cells(signOffRaci));
    assertTrue(driver.findElement(By.cssSelector("#raci thead")).getText().contains("Approbateur (rend compte)"));
    assertTrue(driver.findElement(By.cssSelector("#steps tr[data-step='sign-off']")).getText().contains("réussie"));
    assertTrue(driver.findElement(By.id("objectives")).getText().contains("RTO"));
    assertTrue(driver.findElement(By.id("integrity")).getText().contains("intacte"));
    assertTrue(driver.findElement(By.cssSelector(".timeline svg")).isDisplayed(), "the report's timeline chart");
    Chromium.screenshot(driver, "03-drill");

    driver.findElement(By.id("download-bundle")).click();
    Path zip = awaitDownload();
    BundleVerification verified = BundleVerifier.verify(zip,
        Optional.of(SigningKeys.fromEnvironment(f.env).publicKey()));
    assertTrue(verified.valid(), verified.summary());
    assertEquals(passedOfA, verified.manifest().drillId());
    assertEquals("fr", verified.manifest().language());

    driver.findElement(By.id("language")).click();
    awaitUrl("lang=en");
    assertEquals("en", driver.findElement(By.tagName("html")).getDomAttribute("lang"));
    assertTrue(driver.findElement(By.id("verdict")).getText().contains("PASSED"));
    assertTrue(driver.findElement(By.cssSelector("#raci thead")).getText().contains("Accountable (answers for it)"));
    Chromium.screenshot(driver, "04-drill-english");

    driver.findElement(By.id("nav-approvals")).click();
    awaitUrl("/portal/approvals");
    List<String> waiting = driver.findElements(By.cssSelector("section.waiting")).stream()
        .map(s -> s.getDomAttribute("data-step")).toList();
    assertEquals(List.of(otherWaitingOfA + "/sign-off", waitingOfA + "/sign-off"), waiting);
    Chromium.screenshot(driver, "05-approvals");

    WebElement form = driver.findElement(By.id("decide-" + waitingOfA + "-sign-off"));
    form.findElement(By.name("comment")).sendKeys("restore checked with the ward");
    form.findElement(By.cssSelector("button[value='approve']")).click();
    awaitUrl("/portal/drills/" + waitingOfA + "?decided=sign-off");
    assertTrue(driver.findElement(By.id("notice")).getText().contains("sign-off"));
    EvidenceEvent granted = f.awaitEvent(waitingOfA, "approval.granted", 1).getFirst();
    assertEquals("dsi-client", granted.actor());
    assertEquals("restore checked with the ward", granted.payload().get("comment").asText());
    f.awaitEvent(waitingOfA, "drill.completed", 1);
    driver.navigate().refresh();
    Chromium.screenshot(driver, "06-approved");

    driver.get(f.portal() + "/drills/" + drillOfB);
    assertEquals("404", driver.findElement(By.id("error")).getDomAttribute("data-status"));
    assertTrue(driver.findElement(By.tagName("h1")).getText().contains("Not found"));
    Chromium.screenshot(driver, "07-other-tenant");

    driver.findElement(By.id("sign-out")).click();
    awaitUrl("/portal/signin?signedout");
    assertTrue(driver.findElement(By.id("notice")).isDisplayed());
    driver.get(f.portal() + "/approvals");
    assertTrue(driver.getCurrentUrl().contains("/portal/signin"), "signed out: back to the sign-in page");

    driver.findElement(By.id("token")).sendKeys(f.token("head-nurse", Role.CLIENT_APPROVER, TENANT_A));
    driver.findElement(By.id("sign-in")).click();
    awaitUrl("/portal/approvals");
    driver.get(f.portal() + "/approvals");
    assertTrue(driver.findElement(By.id("nothing-waiting")).isDisplayed());
    f.awaitStep(otherWaitingOfA, "sign-off", StepState.WAITING);
    driver.get(f.portal() + "/drills/" + otherWaitingOfA);
    assertTrue(driver.findElements(By.cssSelector("form.decision")).isEmpty(),
        "no decision form for someone the RACI does not name");
    Chromium.screenshot(driver, "08-not-accountable");
  }

  /** Waits for the navigation a click started (a form's answer may redirect after the click returns). */
  private static void awaitUrl(String fragment) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(fragment));
  }

  private static List<String> listedDrills() {
    return driver.findElements(By.cssSelector("#drills tbody tr")).stream().map(r -> r.getDomAttribute("data-drill"))
        .toList();
  }

  private static List<String> cells(WebElement row) {
    return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
  }

  /** The bundle once Chromium has finished writing it. */
  private static Path awaitDownload() throws IOException, InterruptedException {
    for (int i = 0; i < 300; i++) {
      try (Stream<Path> files = Files.list(downloads)) {
        List<Path> zips = files.filter(p -> p.getFileName().toString().endsWith(".zip")).toList();
        if (zips.size() == 1) {
          return zips.getFirst();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the bundle never arrived in " + downloads);
  }
}
