package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.InvocationLog;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VerifyKeyTest {

  final Tenant tenant = Keys.tenant();

  static ApiResponse verify(Object body) {
    return Api.post("/api/v1/keys/verify").json(body).send();
  }

  static void assertInvalidKey(ApiResponse r, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("valid").asBoolean()).isFalse();
    assertThat(r.json().path("code").asString()).isEqualTo(code);
  }

  @Nested
  class Valid {
    @Test
    void a_working_key_with_its_organization_scopes_and_rate_limit() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 10, 60, "keys:read", "keys:write");

      ApiResponse r = verify(Map.of("key", key.secret()));

      assertThat(r.status()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.path("valid").asBoolean()).isTrue();
      assertThat(json.path("code").asString()).isEqualTo("VALID");
      assertThat(json.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(json.path("key_id").asString()).isEqualTo(key.id().toString());
      assertThat(json.path("scopes").toString()).isEqualTo("[\"keys:read\",\"keys:write\"]");
      assertThat(json.path("ratelimit").path("limit").asInt()).isEqualTo(10);
      assertThat(json.path("ratelimit").path("remaining").asInt()).isEqualTo(9);
      assertThat(Instant.parse(json.path("ratelimit").path("reset").asString())).isAfter(Instant.now());
    }

    @Test
    void costs_one_statement() {
      TestApiKey key = tenant.apiKey("keys:read");
      JsonNode record = InvocationLog.of(() -> verify(Map.of("key", key.secret())));
      assertThat(record.path("db_statements").asInt()).isEqualTo(1);
    }

    @Test
    void with_scopes_the_key_holds() {
      TestApiKey key = tenant.apiKey("keys:read", "keys:write");
      ApiResponse r = verify(Map.of("key", key.secret(), "scopes", List.of("keys:write")));
      assertThat(r.json().path("code").asString()).isEqualTo("VALID");
    }
  }

  @Nested
  class NotValid {
    @Test
    void malformed_keys_and_bad_checksums_are_not_found_without_a_statement() {
      String real = ApiKeyFormat.generate("live");
      String badChecksum = real.substring(0, real.length() - 1) + (real.endsWith("0") ? "1" : "0");
      for (String bad : List.of("", "hello", "vk_live_short", "Bearer " + real, real.toLowerCase(), badChecksum, "vk_live_" + "A".repeat(38))) {
        JsonNode record = InvocationLog.of(() -> assertInvalidKey(verify(Map.of("key", bad)), "NOT_FOUND"));
        assertThat(record.path("db_statements").asInt()).as(bad).isZero();
      }
    }

    @Test
    void an_unknown_key() {
      ApiResponse r = verify(Map.of("key", ApiKeyFormat.generate("test")));
      assertInvalidKey(r, "NOT_FOUND");
      assertThat(r.json().path("key_id").isNull()).isTrue();
      assertThat(r.json().path("ratelimit").isNull()).isTrue();
      assertThat(r.json().path("scopes").size()).isZero();
    }

    @Test
    void a_disabled_key() {
      TestApiKey key = tenant.apiKey("keys:read");
      Keys.sql("update api_keys set enabled = false where id = ?", key.id());
      ApiResponse r = verify(Map.of("key", key.secret()));
      assertInvalidKey(r, "DISABLED");
      assertThat(r.json().path("key_id").asString()).isEqualTo(key.id().toString());
    }

    @Test
    void an_expired_key() {
      TestApiKey key = tenant.apiKey("keys:read");
      Keys.sql("update api_keys set expires_at = now() where id = ?", key.id());
      assertInvalidKey(verify(Map.of("key", key.secret())), "EXPIRED");
    }

    @Test
    void a_revoked_key() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Api.delete("/api/v1/keys/" + key.id()).bearer(tenant.token(dev.saaskit.shared.identity.Role.ORG_ADMIN)).send();
      assertInvalidKey(verify(Map.of("key", key.secret())), "NOT_FOUND");
    }

    @Test
    void a_key_of_a_deleted_organization() {
      Tenant gone = Tenant.create();
      TestApiKey key = gone.apiKey("keys:read");
      Keys.sql("update organizations set deleted_at = now() where id = ?", gone.organizationId());
      assertInvalidKey(verify(Map.of("key", key.secret())), "NOT_FOUND");
    }

    @Test
    void a_key_past_its_rate_limit() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 1, 3600, "keys:read");
      verify(Map.of("key", key.secret()));

      ApiResponse r = verify(Map.of("key", key.secret()));

      assertInvalidKey(r, "RATE_LIMITED");
      assertThat(r.json().path("ratelimit").path("remaining").asInt()).isZero();
      assertThat(r.json().path("key_id").asString()).isEqualTo(key.id().toString());
    }

    @Test
    void a_key_without_a_scope_asked_for() {
      TestApiKey key = tenant.apiKey("keys:read");
      ApiResponse r = verify(Map.of("key", key.secret(), "scopes", List.of("keys:read", "keys:write")));
      assertInvalidKey(r, "INSUFFICIENT_SCOPE");
      assertThat(r.json().path("scopes").toString()).isEqualTo("[\"keys:read\"]");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void no_key_a_huge_one_or_a_scope_that_does_not_exist() {
      assertThat(verify(Map.of()).problem()).isEqualTo("validation_failed");
      assertThat(verify(Map.of("key", "x".repeat(257))).problem()).isEqualTo("validation_failed");
      assertThat(verify(Map.of("key", 42)).problem()).isEqualTo("validation_failed");
      ApiResponse unknown = verify(Map.of("key", ApiKeyFormat.generate("live"), "scopes", List.of("tickets:fly")));
      assertThat(unknown.problem()).isEqualTo("validation_failed");
      assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("scopes[0]");
    }

    @Test
    void the_key_goes_in_the_body_not_the_header() {
      TestApiKey key = tenant.apiKey("keys:read");
      ApiResponse r = Api.post("/api/v1/keys/verify").bearer(key.secret()).json(Map.of("key", key.secret())).send();
      assertThat(r.status()).isEqualTo(401);
    }
  }
}
