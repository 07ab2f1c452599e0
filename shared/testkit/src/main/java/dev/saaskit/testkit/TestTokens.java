package dev.saaskit.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Signs access tokens for tests with a key generated per JVM, given to the functions under test as
 * {@code JWT_JWKS} (to verify with) and {@code JWT_SIGNING_KEYS} (to issue tokens with). Tokens have
 * exactly the shape identity issues.
 */
public final class TestTokens {

  public static final String ISSUER = "saaskit-test";
  public static final String AUDIENCE = "saaskit-test-api";

  private static TestTokens instance;

  private final RSAKey key;

  private TestTokens(RSAKey key) {
    this.key = key;
  }

  public static synchronized TestTokens get() {
    if (instance == null) {
      RSAKey key = generate("test-key-1");
      if (System.getProperty("JWT_JWKS") == null) {
        System.setProperty("JWT_JWKS", new JWKSet(key.toPublicJWK()).toString());
        // The same key signs what the functions under test issue (identity's token pairs).
        System.setProperty("JWT_SIGNING_KEYS", new JWKSet(key).toString(false));
      }
      System.setProperty("JWT_ISSUER", ISSUER);
      System.setProperty("JWT_AUDIENCE", AUDIENCE);
      instance = new TestTokens(key);
    }
    return instance;
  }

  public static RSAKey generate(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public RSAKey key() {
    return key;
  }

  /** A valid access token for a member of {@code org} with {@code orgRole} and optional platform roles. */
  public String accessToken(UUID user, UUID org, Role orgRole, Role... platformRoles) {
    return sign(claims(user, org, orgRole, Set.of(platformRoles)).build());
  }

  /** Claims of a valid token, to alter before signing. */
  public JWTClaimsSet.Builder claims(UUID user, UUID org, Role orgRole, Set<Role> platformRoles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(user.toString())
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(900)))
        .jwtID(UUID.randomUUID().toString())
        .claim("org", org.toString())
        .claim("org_role", orgRole == null ? null : orgRole.code())
        .claim("roles", platformRoles.stream().map(Role::code).sorted().toList())
        .claim("sid", UUID.randomUUID().toString());
  }

  public String sign(JWTClaimsSet claims) {
    return sign(claims, key, AccessTokens.TYPE);
  }

  public static String sign(JWTClaimsSet claims, RSAKey key, JOSEObjectType type) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> roles(Role... roles) {
    return List.of(roles).stream().map(Role::code).toList();
  }
}
