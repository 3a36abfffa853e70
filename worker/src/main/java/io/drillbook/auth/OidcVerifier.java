package io.drillbook.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks OIDC bearer JWTs (e.g. from Keycloak) against the identity provider's JWKS: signature by one of its
 * keys with RS256 or ES256 only (so {@code alg: none} and HMAC tokens, whose "secret" could be the public key,
 * are refused), the exact issuer, the audience, and expiry and not-before with {@value #CLOCK_SKEW_SECONDS} s
 * of clock skew. Roles, tenant and name come from the configured claims.
 */
public final class OidcVerifier {

  static final int CLOCK_SKEW_SECONDS = 30;
  private static final String FIX = "sign in again to get a fresh token from the identity provider; drillbook "
      + "accepts RS256/ES256 tokens from its configured issuer and audience";

  private final OidcSettings settings;
  private final DefaultJWTProcessor<SecurityContext> processor;

  public OidcVerifier(OidcSettings settings) {
    this(settings, JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl()).build());
  }

  OidcVerifier(OidcSettings settings, JWKSource<SecurityContext> keys) {
    this.settings = settings;
    processor = new DefaultJWTProcessor<>();
    // Plain JWTs and RFC 9068 access tokens (typ at+jwt), as identity providers issue either.
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp", "sub"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  /**
   * The caller a valid token names.
   *
   * @throws AuthenticationFailure for a token that is malformed, badly signed, expired, not yet valid, for
   *     another issuer or audience, or without a name (or without a tenant while granting a client role)
   * @throws IdentityProviderUnavailable when the JWKS cannot be fetched
   */
  public Principal verify(String jwt) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (KeySourceException e) {
      throw new IdentityProviderUnavailable("cannot fetch the identity provider's keys from " + settings.jwksUrl()
          + ": " + e.getMessage(), e);
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new AuthenticationFailure("the bearer token was refused: " + e.getMessage(), FIX);
    }
    String name = text(claims, settings.nameClaim());
    if (name == null) {
      throw new AuthenticationFailure("the bearer token has no '" + settings.nameClaim() + "' claim to act under",
          "map the user's RACI name into that claim, or set DRILLBOOK_OIDC_NAME_CLAIM to the claim that holds it");
    }
    Set<Role> roles = roles(claim(claims, settings.rolesClaim()));
    String tenant = text(claims, settings.tenantClaim());
    if (tenant == null && roles.stream().anyMatch(Role::isClient)) {
      throw new AuthenticationFailure("the bearer token grants a client role but has no '" + settings.tenantClaim()
          + "' claim", "map the client's tenant into that claim, or set DRILLBOOK_OIDC_TENANT_CLAIM");
    }
    return new Principal(name, roles, tenant, "oidc:" + claims.getSubject());
  }

  /** The known role names among the claim's values (a list or one string); others are ignored. */
  private static Set<Role> roles(Object claim) {
    Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
    Set<Role> roles = new LinkedHashSet<>();
    values.forEach(v -> Role.byId(String.valueOf(v)).ifPresent(roles::add));
    return roles;
  }

  private static String text(JWTClaimsSet claims, String path) {
    Object value = claim(claims, path);
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  /** The claim at a dotted path ({@code realm_access.roles}), or null. */
  private static Object claim(JWTClaimsSet claims, String path) {
    String[] parts = path.split("\\.");
    Object value = claims.getClaim(parts[0]);
    for (int i = 1; i < parts.length && value != null; i++) {
      value = value instanceof Map<?, ?> m ? m.get(parts[i]) : null;
    }
    return value;
  }
}
