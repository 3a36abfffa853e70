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
 * local port, and tokens signed the right way or in each of the wrong ways a verifier must refuse.
 */
public final class TestIdentityProvider implements AutoCloseable {
  public static final String ISSUER = "https://idp.test/realms/msp";
  public static final String AUDIENCE = "drillbook";

  private final RSAKey rsa;
  private final ECKey ec;
  private final HttpServer server;

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
    server.start();
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
