package dev.saaskit.identity.sessions;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.saaskit.identity.TestUsers;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JwksTest {

  static List<String> kids(ApiResponse r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> kids = new ArrayList<>();
    r.json().path("keys").forEach(k -> kids.add(k.path("kid").asString()));
    return kids;
  }

  @Nested
  class Ok {
    @Test
    void publishes_the_public_signing_keys_cacheably() {
      ApiResponse r = Api.get("/.well-known/jwks.json").send();

      assertThat(kids(r)).containsExactly(TestTokens.get().key().getKeyID());
      JsonNode key = r.json().path("keys").get(0);
      assertThat(key.path("kty").asString()).isEqualTo("RSA");
      assertThat(key.has("n")).isTrue();
      assertThat(key.has("d")).isFalse();
      assertThat(key.has("p")).isFalse();
      assertThat(r.header("cache-control")).isEqualTo("public, max-age=300");
      assertThat(r.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void reads_the_keys_from_a_file(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
      RSAKey local = TestTokens.generate("local-1");
      Path file = dir.resolve("jwks.json");
      Files.writeString(file, new JWKSet(local).toString(false));

      ApiResponse r = Api.get("/.well-known/jwks.json")
          .sendToNewContainer(Map.of("JWT_SIGNING_KEYS", "", "JWT_SIGNING_KEYS_FILE", file.toString()));
      assertThat(kids(r)).containsExactly("local-1");
    }
  }

  /**
   * The rotation procedure of ARCHITECTURE.md through the functions themselves: each step is a new
   * container with that step's settings, as a deployment would start them.
   */
  @Nested
  class Rotation {
    final RSAKey oldKey = TestTokens.generate("2026-01");
    final RSAKey newKey = TestTokens.generate("2026-07");

    Map<String, String> step(String signingKid, RSAKey... keys) {
      return Map.of(
          "JWT_SIGNING_KEYS", new JWKSet(List.of(keys)).toString(false),
          "JWT_SIGNING_KID", signingKid,
          "JWT_JWKS", new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    String login(TestUsers.Account account, Map<String, String> settings) {
      ApiResponse r = Api.post("/api/v1/login").sourceIp(TestUsers.randomIp())
          .json(Map.of("email", account.email(), "password", account.password())).sendToNewContainer(settings);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      return r.json().path("access_token").asString();
    }

    ApiResponse me(String token, Map<String, String> settings) {
      return Api.get("/api/v1/me").bearer(token).sendToNewContainer(settings);
    }

    @Test
    void a_token_of_the_previous_key_verifies_until_that_key_is_retired() throws Exception {
      TestUsers.Account account = TestUsers.register();
      Map<String, String> before = step("2026-01", oldKey);
      Map<String, String> published = step("2026-01", oldKey, newKey);
      Map<String, String> switched = step("2026-07", oldKey, newKey);
      Map<String, String> retired = step("2026-07", newKey);

      String oldToken = login(account, before);
      assertThat(SignedJWT.parse(oldToken).getHeader().getKeyID()).isEqualTo("2026-01");
      assertThat(kids(Api.get("/.well-known/jwks.json").sendToNewContainer(published))).containsExactly("2026-01", "2026-07");
      assertThat(SignedJWT.parse(login(account, published)).getHeader().getKeyID()).isEqualTo("2026-01");

      String newToken = login(account, switched);
      assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo("2026-07");
      assertThat(me(oldToken, switched).status()).isEqualTo(200);
      assertThat(me(newToken, switched).status()).isEqualTo(200);

      assertProblem(me(oldToken, retired), 401, "unauthenticated");
      assertThat(me(newToken, retired).status()).isEqualTo(200);
      assertThat(kids(Api.get("/.well-known/jwks.json").sendToNewContainer(retired))).containsExactly("2026-07");
    }

    @Test
    void a_function_without_signing_keys_verifies_with_the_published_set() {
      TestUsers.Account account = TestUsers.register();
      String token = login(account, step("2026-07", oldKey, newKey));

      Map<String, String> verifierOnly = Map.of(
          "JWT_SIGNING_KEYS", "",
          "JWT_JWKS", new JWKSet(List.of(oldKey, newKey)).toPublicJWKSet().toString());
      assertThat(me(token, verifierOnly).status()).isEqualTo(200);
    }
  }
}
