package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.shared.identity.AccessTokens;
import dev.saaskit.shared.identity.Role;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The catalog's access rule, applied before any handler: tokens, roles, API keys. */
class AccessRuleTest {

  static final UUID USER = UUID.randomUUID();
  static final UUID ORG = UUID.randomUUID();

  static JWTClaimsSet.Builder claims() {
    return TestTokens.get().claims(USER, ORG, Role.USER, Set.of());
  }

  static ApiResponse whoami(String token) {
    return Api.get("/whoami").bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void a_valid_token_names_the_caller() {
      ApiResponse r = whoami(TestTokens.get().accessToken(USER, ORG, Role.BILLING_ADMIN, Role.SUPPORT_AGENT));

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("user_id").asString()).isEqualTo(USER.toString());
      assertThat(r.json().path("organization_id").asString()).isEqualTo(ORG.toString());
      assertThat(r.json().path("org_role").asString()).isEqualTo("billing_admin");
      assertThat(r.json().path("platform_roles").get(0).asString()).isEqualTo("support_agent");
      assertThat(r.header("cache-control")).isEqualTo("no-store");
    }

    @Test
    void a_listed_role_passes() {
      assertThat(Api.get("/admin").bearer(TestTokens.get().accessToken(USER, ORG, Role.ORG_ADMIN)).send().status()).isEqualTo(200);
      assertThat(Api.get("/admin").bearer(TestTokens.get().accessToken(USER, ORG, Role.USER, Role.SUPER_ADMIN)).send().status()).isEqualTo(200);
    }

    @Test
    void a_token_within_the_clock_skew_is_accepted() {
      Instant now = Instant.now();
      String token = TestTokens.get().sign(claims().expirationTime(Date.from(now.minusSeconds(AccessTokens.CLOCK_SKEW_SECONDS - 10))).build());
      assertThat(whoami(token).status()).isEqualTo(200);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void no_credentials() {
      assertProblem(Api.get("/whoami").send(), 401, "unauthenticated");
    }

    @Test
    void not_a_bearer_header() {
      assertProblem(Api.get("/whoami").header("authorization", "Basic dXNlcjpwYXNz").send(), 401, "unauthenticated");
      assertProblem(Api.get("/whoami").header("authorization", "Bearer ").send(), 401, "unauthenticated");
    }

    @Test
    void garbage_token() {
      assertProblem(whoami("not.a.jwt"), 401, "unauthenticated");
      assertProblem(whoami("abc"), 401, "unauthenticated");
    }

    @Test
    void expired_token() {
      Instant now = Instant.now();
      String token = TestTokens.get().sign(claims()
          .issueTime(Date.from(now.minusSeconds(3600)))
          .expirationTime(Date.from(now.minusSeconds(AccessTokens.CLOCK_SKEW_SECONDS + 60))).build());
      ApiResponse r = whoami(token);
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).contains("expired");
    }

    @Test
    void tampered_claims() {
      String token = TestTokens.get().accessToken(USER, ORG, Role.USER);
      String[] parts = token.split("\\.");
      String forged = Base64URL.encode(claims().claim("org_role", "org_admin").build().toString()).toString();
      assertProblem(whoami(parts[0] + "." + forged + "." + parts[2]), 401, "unauthenticated");
    }

    @Test
    void signed_with_another_key_under_a_known_kid() {
      RSAKey other = TestTokens.generate("test-key-1");
      assertProblem(whoami(TestTokens.sign(claims().build(), other, AccessTokens.TYPE)), 401, "unauthenticated");
    }

    @Test
    void unknown_kid() {
      RSAKey other = TestTokens.generate("someone-elses-key");
      assertProblem(whoami(TestTokens.sign(claims().build(), other, AccessTokens.TYPE)), 401, "unauthenticated");
    }

    @Test
    void alg_none() {
      String unsigned = new PlainJWT(claims().build()).serialize();
      assertProblem(whoami(unsigned), 401, "unauthenticated");
    }

    @Test
    void hs256_signed_with_the_public_key_as_secret() throws Exception {
      byte[] secret = TestTokens.get().key().toPublicJWK().toRSAPublicKey().getEncoded();
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test-key-1").type(AccessTokens.TYPE).build(), claims().build());
      jwt.sign(new MACSigner(secret));
      assertProblem(whoami(jwt.serialize()), 401, "unauthenticated");
    }

    @Test
    void wrong_audience_or_issuer() {
      assertProblem(whoami(TestTokens.get().sign(claims().audience("another-api").build())), 401, "unauthenticated");
      assertProblem(whoami(TestTokens.get().sign(claims().issuer("someone-else").build())), 401, "unauthenticated");
    }

    @Test
    void wrong_token_type() {
      assertProblem(whoami(TestTokens.sign(claims().build(), TestTokens.get().key(), JOSEObjectType.JWT)), 401, "unauthenticated");
    }

    @Test
    void missing_claims_or_unknown_roles() {
      assertProblem(whoami(TestTokens.get().sign(claims().claim("sid", null).build())), 401, "unauthenticated");
      assertProblem(whoami(TestTokens.get().sign(claims().claim("org_role", "emperor").build())), 401, "unauthenticated");
      assertProblem(whoami(TestTokens.get().sign(claims().claim("roles", java.util.List.of("org_admin")).build())), 401, "unauthenticated");
      assertProblem(whoami(TestTokens.get().sign(claims().subject("not-a-uuid").build())), 401, "unauthenticated");
    }

    @Test
    void a_bad_token_on_a_public_route_is_not_treated_as_anonymous() {
      assertProblem(Api.post("/echo").bearer("not.a.jwt").json("{\"name\":\"a\"}").send(), 401, "unauthenticated");
    }

    @Test
    void an_api_key_where_the_route_takes_none() {
      ApiResponse r = Api.get("/admin").bearer("vk_live_abcdefghijklmnopqrstuvwxyz").send();
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).contains("API keys");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_role_below_the_rule() {
      assertProblem(Api.get("/admin").bearer(TestTokens.get().accessToken(USER, ORG, Role.USER)).send(), 403, "forbidden");
      assertProblem(Api.get("/admin").bearer(TestTokens.get().accessToken(USER, ORG, Role.BILLING_ADMIN, Role.SUPPORT_AGENT)).send(), 403, "forbidden");
    }
  }
}
