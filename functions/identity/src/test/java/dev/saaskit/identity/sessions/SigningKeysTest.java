package dev.saaskit.identity.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Caller;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.runtime.Platform;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Signing keys, the token shape they sign, and key rotation as the verifier sees it. */
class SigningKeysTest {

  static final RSAKey OLD = generate("2026-01", 2048);
  static final RSAKey NEW = generate("2026-07", 2048);

  static RSAKey generate(String kid, int bits) {
    try {
      return new RSAKeyGenerator(bits).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static SigningKeys keys(String signingKid, RSAKey... keys) {
    return new SigningKeys(new JWKSet(List.of(keys)), signingKid);
  }

  /** What a function without signing keys verifies with: the published public set. */
  static AccessTokens verifier(RSAKey... keys) {
    return new AccessTokens(new JWKSet(List.of(keys)).toPublicJWKSet(), Platform.issuer(), Platform.audience());
  }

  static String issue(SigningKeys keys) {
    Sessions sessions = new Sessions(() -> keys);
    return sessions.accessToken(new Sessions.Grant(UUID.randomUUID(), UUID.randomUUID(), Role.ORG_ADMIN, Set.of(Role.SUPER_ADMIN)),
        UUID.randomUUID(), Instant.now());
  }

  /** Runs {@code check} with exactly these signing-key settings (a blank value: unset), then restores the test environment's. */
  static void withSigningSettings(String keys, String kid, Runnable check) {
    TestEnvironment.ensure();
    Lambda.withSettings(Map.of("JWT_SIGNING_KEYS", keys, "JWT_SIGNING_KEYS_FILE", "", "JWT_SIGNING_KEYS_SECRET_ARN", "", "JWT_SIGNING_KID", kid),
        () -> {
          check.run();
          return null;
        });
  }

  @Nested
  class Ok {
    @Test
    void the_first_key_signs_unless_a_kid_is_named() throws Exception {
      assertThat(keys(null, OLD, NEW).signingKeyId()).isEqualTo("2026-01");
      assertThat(keys("2026-07", OLD, NEW).signingKeyId()).isEqualTo("2026-07");
      assertThat(SignedJWT.parse(issue(keys("2026-07", OLD, NEW))).getHeader().getKeyID()).isEqualTo("2026-07");
    }

    @Test
    void tokens_have_the_shape_access_tokens_verifies() throws Exception {
      String token = issue(keys(null, OLD));
      SignedJWT jwt = SignedJWT.parse(token);

      assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
      assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
      assertThat(jwt.getJWTClaimsSet().getClaims().keySet())
          .containsExactlyInAnyOrder("sub", "org", "org_role", "roles", "sid", "iat", "exp", "iss", "aud", "jti");
      assertThat(jwt.getJWTClaimsSet().getExpirationTime().getTime() - jwt.getJWTClaimsSet().getIssueTime().getTime())
          .isEqualTo(900_000);
      Caller caller = verifier(OLD).verify(token);
      assertThat(caller.orgRole()).isEqualTo(Role.ORG_ADMIN);
      assertThat(caller.platformRoles()).containsExactly(Role.SUPER_ADMIN);
    }

    @Test
    void the_public_set_holds_every_key_without_private_parts() {
      JWKSet published = keys("2026-07", OLD, NEW).publicKeys();
      assertThat(published.getKeys()).extracting(k -> k.getKeyID()).containsExactly("2026-01", "2026-07");
      assertThat(published.getKeys()).noneMatch(k -> k.isPrivate());
      assertThat(published.toString()).doesNotContain("\"d\"");
    }

    @Test
    void read_from_the_setting() {
      withSigningSettings(new JWKSet(List.of(OLD, NEW)).toString(false), "2026-07", () -> {
        assertThat(SigningKeys.configured()).isTrue();
        assertThat(SigningKeys.fromSettings().signingKeyId()).isEqualTo("2026-07");
      });
    }
  }

  /** The rotation procedure of ARCHITECTURE.md, step by step, as verifiers see it. */
  @Nested
  class Rotation {
    @Test
    void a_token_of_the_previous_key_verifies_until_that_key_is_retired() {
      String beforeRotation = issue(keys(null, OLD));
      // 1. The new key is added second and published; the old one still signs.
      String duringPublication = issue(keys("2026-01", OLD, NEW));
      // 2. JWT_SIGNING_KID switches to the new key.
      String afterSwitch = issue(keys("2026-07", OLD, NEW));
      AccessTokens bothKeys = verifier(OLD, NEW);
      assertThat(List.of(beforeRotation, duringPublication, afterSwitch)).allSatisfy(t -> bothKeys.verify(t));

      // 3. After the access-token lifetime the old key is retired: its tokens no longer verify.
      AccessTokens newKeyOnly = verifier(NEW);
      newKeyOnly.verify(afterSwitch);
      assertThatThrownBy(() -> newKeyOnly.verify(beforeRotation)).isInstanceOf(ApiException.class);
      assertThatThrownBy(() -> newKeyOnly.verify(duringPublication)).isInstanceOf(ApiException.class);
    }
  }

  @Nested
  class Misconfigured {
    @Test
    void a_kid_that_names_no_key() {
      assertThatThrownBy(() -> keys("nope", OLD)).hasMessageContaining("'nope' names no key");
    }

    @Test
    void public_keys_short_keys_missing_or_repeated_kids() {
      assertThatThrownBy(() -> keys(null, OLD.toPublicJWK())).hasMessageContaining("private RSA key");
      assertThatThrownBy(() -> keys(null, generate("small", 1024))).hasMessageContaining("at least 2048");
      assertThatThrownBy(() -> keys(null, generate(null, 2048))).hasMessageContaining("key id");
      assertThatThrownBy(() -> keys(null, OLD, OLD)).hasMessageContaining("key id");
      assertThatThrownBy(() -> new SigningKeys(new JWKSet(), null)).hasMessageContaining("no keys");
    }

    @Test
    void a_setting_that_is_not_a_key_set_is_reported_without_its_content() {
      withSigningSettings("{\"keys\": [{\"kty\": \"RSA\", \"d\": \"secret-material\"", "",
          () -> assertThatThrownBy(SigningKeys::fromSettings).hasMessage("the signing keys are not a JSON Web Key Set"));
    }

    @Test
    void no_setting_at_all() {
      withSigningSettings("", "", () -> {
        assertThat(SigningKeys.configured()).isFalse();
        assertThatThrownBy(SigningKeys::fromSettings).hasMessageContaining("JWT_SIGNING_KEYS");
      });
    }
  }
}
