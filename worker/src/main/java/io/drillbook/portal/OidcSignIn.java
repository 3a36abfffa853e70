package io.drillbook.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drillbook.auth.IdentityProviderUnavailable;
import io.drillbook.auth.OidcVerifier;
import io.drillbook.auth.Principal;
import io.drillbook.portal.view.PortalText;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with the identity provider: the authorization code flow with PKCE (RFC 7636, S256). The portal sends
 * the browser to the provider with a random state (also set as a cookie, so the answer must come back to the
 * browser that asked) and the challenge of a random verifier (kept in {@code portal_login}); the provider sends it
 * back with a code, which the portal exchanges, with the verifier, for an access token. That token is checked
 * exactly as an API bearer token (signature by the JWKS, issuer, audience, expiry, roles and tenant claims), so a
 * portal user is the same principal as with the API.
 */
final class OidcSignIn {
  private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /**
   * The portal as an OIDC client of the provider.
   *
   * @param clientSecret null for a public client (PKCE alone)
   * @param redirect the callback address registered with the provider
   */
  record Client(URI authorization, URI token, String clientId, String clientSecret, String scope, URI redirect) {
    @Override
    public String toString() {
      return "Client[" + clientId + " at " + authorization + "]";
    }
  }

  private final Client client;
  private final OidcVerifier verifier;
  private final SessionStore sessions;
  private final SignIn signIn;
  private final PortalCookies cookies;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  OidcSignIn(Client client, OidcVerifier verifier, SessionStore sessions, SignIn signIn, PortalCookies cookies) {
    this.client = client;
    this.verifier = verifier;
    this.sessions = sessions;
    this.signIn = signIn;
    this.cookies = cookies;
  }

  /** Sends the browser to the provider's authorization endpoint. */
  void start(Context ctx, PortalRequest r) {
    String state = SessionStore.randomToken();
    String verifierValue = SessionStore.randomToken();
    sessions.beginLogin(state, verifierValue, Instant.now());
    cookies.oidcState(ctx, state);
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", client.clientId());
    query.put("redirect_uri", client.redirect().toString());
    query.put("scope", client.scope());
    query.put("state", state);
    query.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(SessionStore.digest(verifierValue)));
    query.put("code_challenge_method", "S256");
    String separator = client.authorization().getQuery() == null ? "?" : "&";
    ctx.redirect(client.authorization() + separator + form(query), HttpStatus.FOUND);
  }

  /** The provider's answer: exchanges the code for a token, checks it, opens a session. */
  void callback(Context ctx, PortalRequest r) throws InterruptedException {
    String error = ctx.queryParam("error");
    if (error != null) {
      throw new PageError(401, PortalText.ERROR_SIGN_IN, "the identity provider refused the sign-in: " + error
          + (ctx.queryParam("error_description") == null ? "" : " (" + ctx.queryParam("error_description") + ")"),
          "sign in again, or ask the MSP to give your account access to drillbook");
    }
    String state = ctx.queryParam("state");
    String expected = ctx.cookie(PortalCookies.OIDC_STATE);
    cookies.clear(ctx, PortalCookies.OIDC_STATE);
    String verifierValue = Portal.sameToken(state, expected)
        ? sessions.finishLogin(state, Instant.now()).orElse(null) : null;
    String code = ctx.queryParam("code");
    if (verifierValue == null || code == null) {
      throw new PageError(403, PortalText.ERROR_SIGN_IN, "this answer from the identity provider does not belong to a "
          + "sign-in started from this browser in the last " + SessionStore.LOGIN_WINDOW.toMinutes() + " minutes",
          "start again from the portal's sign-in page");
    }
    Principal who = verifier.verify(exchange(code, verifierValue));
    signIn.open(ctx, who, Portal.BASE + "/drills");
  }

  private String exchange(String code, String verifierValue) throws InterruptedException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", client.redirect().toString());
    body.put("client_id", client.clientId());
    body.put("code_verifier", verifierValue);
    HttpRequest.Builder request = HttpRequest.newBuilder(client.token()).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(body)));
    if (client.clientSecret() != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((encode(client.clientId()) + ":"
          + encode(client.clientSecret())).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IdentityProviderUnavailable("cannot reach the token endpoint " + client.token() + ": " + e.getMessage(), e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    JsonNode token = json == null ? null : json.get("access_token");
    if (response.statusCode() != 200 || token == null || !token.isTextual()) {
      String reason = json != null && json.hasNonNull("error") ? json.get("error").asText() : "HTTP " + response.statusCode();
      log.info("portal OIDC code exchange refused: {}", reason);
      throw new PageError(401, PortalText.ERROR_SIGN_IN, "the identity provider did not give a token for this "
          + "sign-in (" + reason + ")", "sign in again; if it keeps failing, the MSP should check "
          + "DRILLBOOK_OIDC_CLIENT_ID, DRILLBOOK_OIDC_CLIENT_SECRET and the redirect address registered with the "
          + "provider (" + client.redirect() + ")");
    }
    return token.asText();
  }

  private static String form(Map<String, String> values) {
    return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
