package io.drillbook.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An identity provider for tests: an RSA and an EC signing key, their public JWKS served over HTTP on a free
 * local port, and tokens signed the right way or in each of the wrong ways a verifier must refuse. For browser
 * sign-in it also serves an authorization endpoint, which signs in at once the user given to {@link #signInAs}
 * and sends the browser back with a code, and a token endpoint, which exchanges that code once, for the client
 * that asked, only with the PKCE (S256) verifier of the challenge it was given.
 */
public final class TestIdentityProvider implements AutoCloseable {
  public static final String ISSUER = "https://idp.test/realms/msp";
  public static final String AUDIENCE = "drillbook";

  public static final String CLIENT_ID = "drillbook-portal";

  private final RSAKey rsa;
  private final ECKey ec;
  private final HttpServer server;
  private final Map<String, PendingCode> codes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile JWTClaimsSet nextUser;

  /** A code handed out by the authorization endpoint, waiting to be exchanged. */
  private record PendingCode(String challenge, String redirectUri, JWTClaimsSet user) {}

  public TestIdentityProvider() throws JOSEException, IOException {
    rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    byte[] jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/jwks", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(jwks);
      }
    });
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.start();
  }

  /** The user the authorization endpoint signs in from now on, without asking anything. */
  public void signInAs(String name, List<String> roles, String tenant) {
    nextUser = claims(name, roles, tenant).build();
  }

  public String authorizationUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/authorize";
  }

  public String tokenUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The environment for the portal's OIDC sign-in, with the portal reachable at {@code portalUrl}. */
  public Map<String, String> portalEnv(String portalUrl) {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.put("DRILLBOOK_OIDC_AUTHORIZATION_URL", authorizationUrl());
    env.put("DRILLBOOK_OIDC_TOKEN_URL", tokenUrl());
    env.put("DRILLBOOK_OIDC_CLIENT_ID", CLIENT_ID);
    env.put("DRILLBOOK_PORTAL_URL", portalUrl);
    return env;
  }

  private void authorize(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
    boolean wellFormed = "code".equals(q.get("response_type")) && CLIENT_ID.equals(q.get("client_id"))
        && "S256".equals(q.get("code_challenge_method")) && q.get("code_challenge") != null && q.get("state") != null
        && q.get("redirect_uri") != null && nextUser != null;
    if (!wellFormed) {
      respond(exchange, 400, "{\"error\": \"invalid_request\"}");
      return;
    }
    String code = java.util.UUID.randomUUID().toString();
    codes.put(code, new PendingCode(q.get("code_challenge"), q.get("redirect_uri"), nextUser));
    exchange.getResponseHeaders().add("Location", q.get("redirect_uri") + "?code=" + code + "&state="
        + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    Map<String, String> f = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    PendingCode pending = f.get("code") == null ? null : codes.remove(f.get("code"));
    boolean valid = pending != null && "authorization_code".equals(f.get("grant_type"))
        && CLIENT_ID.equals(f.get("client_id")) && pending.redirectUri().equals(f.get("redirect_uri"))
        && f.get("code_verifier") != null && pending.challenge().equals(s256(f.get("code_verifier")));
    if (!valid) {
      respond(exchange, 400, "{\"error\": \"invalid_grant\"}");
      return;
    }
    try {
      respond(exchange, 200, "{\"access_token\": \"" + rs256(pending.user()) + "\", \"token_type\": \"Bearer\", "
          + "\"expires_in\": 3600}");
    } catch (JOSEException e) {
      throw new IOException(e);
    }
  }

  private static String s256(String verifier) {
    try {
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest
          .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new java.util.HashMap<>();
    if (encoded != null) {
      for (String pair : encoded.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          values.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  public String jwksUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** The environment that points drillbook at this provider. */
  public Map<String, String> env() {
    return Map.of("DRILLBOOK_OIDC_JWKS_URL", jwksUrl(), "DRILLBOOK_OIDC_ISSUER", ISSUER,
        "DRILLBOOK_OIDC_AUDIENCE", AUDIENCE);
  }

  /** Valid claims for {@code name} with {@code roles} and {@code tenant} (null: no tenant claim), one hour long. */
  public static JWTClaimsSet.Builder claims(String name, List<String> roles, String tenant) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER).audience(AUDIENCE).subject("sub-" + name)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("preferred_username", name).claim("roles", roles);
    return tenant == null ? claims : claims.claim("tenant", tenant);
  }

  public String rs256(JWTClaimsSet claims) throws JOSEException {
    return sign(new RSASSASigner(rsa), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
  }

  public String es256(JWTClaimsSet claims) throws JOSEException {
    return sign(new ECDSASigner(ec), JWSAlgorithm.ES256, ec.getKeyID(), claims);
  }

  /** Signed by another RSA key that claims the provider's key ID. */
  public String rs256ByAnImpostor(JWTClaimsSet claims) throws JOSEException {
    RSAKey impostor = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
    return sign(new RSASSASigner(impostor), JWSAlgorithm.RS256, rsa.getKeyID(), claims);
  }

  /** HS256 with the provider's public key as the HMAC secret: the classic algorithm-confusion attack. */
  public String hs256WithThePublicKey(JWTClaimsSet claims) throws JOSEException {
    byte[] secret = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
    return sign(new MACSigner(secret), JWSAlgorithm.HS256, rsa.getKeyID(), claims);
  }

  public static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /** A valid token with one claim changed, e.g. {@code c -> c.audience("someone-else")}. */
  public String rs256(String name, List<String> roles, String tenant, UnaryOperator<JWTClaimsSet.Builder> change)
      throws JOSEException {
    return rs256(change.apply(claims(name, roles, tenant)).build());
  }

  private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
