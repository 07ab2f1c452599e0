package dev.saaskit.shared.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import dev.saaskit.shared.problem.AccessProblem;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies our access tokens: RS256 only, {@code typ: at+jwt}, a known {@code kid}, issuer,
 * audience and expiry with a bounded clock skew. Any failure is a 401; nothing else is accepted.
 *
 * <p>Claims: {@code sub} (user), {@code org} (active organization), {@code org_role}, {@code
 * roles} (platform roles), {@code sid} (session).
 */
public final class AccessTokens {

  public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
  public static final int CLOCK_SKEW_SECONDS = 30;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  public AccessTokens(JWKSet publicKeys, String issuer, String audience) {
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPE));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(publicKeys.toPublicJWKSet())));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            audience,
            new JWTClaimsSet.Builder().issuer(issuer).build(),
            Set.of("sub", "org", "exp", "iat", "sid"));
    claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
  }

  public Caller verify(String token) {
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (jwt.getHeader().getKeyID() == null) {
        throw unauthenticated("access token has no key id", null);
      }
      claims = processor.process(jwt, null);
    } catch (ExpiredJWTException e) {
      throw unauthenticated("access token has expired; refresh it", e).code(AccessProblem.TOKEN_EXPIRED);
    } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw unauthenticated("access token is not valid", e);
    }
    try {
      Role orgRole = role(claims.getStringClaim("org_role"), false);
      Set<Role> platformRoles = EnumSet.noneOf(Role.class);
      List<String> roles = claims.getStringListClaim("roles");
      if (roles != null) {
        for (String code : roles) {
          platformRoles.add(role(code, true));
        }
      }
      return Caller.user(
          UUID.fromString(claims.getSubject()),
          UUID.fromString(claims.getStringClaim("org")),
          orgRole,
          platformRoles,
          UUID.fromString(claims.getStringClaim("sid")));
    } catch (ParseException | IllegalArgumentException e) {
      throw unauthenticated("access token is not valid", e);
    }
  }

  private static Role role(String code, boolean platform) {
    if (code == null && !platform) {
      return null;
    }
    Role role = Role.fromCode(code).orElseThrow(() -> new IllegalArgumentException("unknown role " + code));
    if (role.isPlatformRole() != platform) {
      throw new IllegalArgumentException("role " + code + " in the wrong claim");
    }
    return role;
  }

  private static ApiException unauthenticated(String detail, Throwable cause) {
    return new ApiException(ProblemType.UNAUTHENTICATED, detail, cause);
  }
}
