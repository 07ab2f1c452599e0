package dev.saaskit.keys;

import static dev.saaskit.keys.CreateKeyTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RerollKeyTest {

  final Tenant tenant = Keys.tenant();

  ApiResponse reroll(Object id, String body) {
    return Api.post("/api/v1/keys/" + id + "/reroll").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void a_new_secret_for_the_same_key_while_the_old_one_works_for_a_day() {
      Keys.Created key = Keys.created(tenant, Map.of("name", "sync", "scopes", List.of("keys:read"),
          "rate_limit", Map.of("requests", 7, "per_seconds", 60)));

      ApiResponse r = reroll(key.id(), "{}");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      String secret = r.json().path("key").asString();
      JsonNode rerolled = r.json().path("api_key");
      assertThat(ApiKeyFormat.isWellFormed(secret)).isTrue();
      assertThat(secret).isNotEqualTo(key.secret());
      assertThat(rerolled.path("id").asString()).isEqualTo(key.id().toString());
      assertThat(rerolled.path("prefix").asString()).isEqualTo(secret.substring(0, 14));
      assertThat(rerolled.path("rate_limit")).isEqualTo(key.apiKey().path("rate_limit"));
      assertThat(rerolled.path("scopes")).isEqualTo(key.apiKey().path("scopes"));
      Instant previousEnd = Instant.parse(r.json().path("previous_key_expires_at").asString());
      assertThat(Duration.between(Instant.now(), previousEnd)).isBetween(Duration.ofHours(23), Duration.ofHours(24));

      ApiResponse viaNew = Keys.verify(secret);
      ApiResponse viaOld = Keys.verify(key.secret());
      assertThat(viaNew.json().path("code").asString()).isEqualTo("VALID");
      assertThat(viaOld.json().path("code").asString()).isEqualTo("VALID");
      assertThat(viaNew.json().path("key_id").asString()).isEqualTo(key.id().toString());
      assertThat(viaOld.json().path("key_id").asString()).isEqualTo(key.id().toString());
      // One key, one rate limit: both secrets count against it.
      assertThat(viaOld.json().path("ratelimit").path("remaining").asInt()).isEqualTo(5);
    }

    @Test
    void with_no_grace_period_the_old_secret_stops_at_once() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      ApiResponse r = reroll(key.id(), "{\"grace_period_seconds\": 0}");

      assertThat(Keys.code(key.secret())).isEqualTo("EXPIRED");
      assertThat(Keys.code(r.json().path("key").asString())).isEqualTo("VALID");
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(401);
    }

    @Test
    void rerolling_again_never_lengthens_an_old_secrets_grace_and_keeps_the_test_environment() {
      Keys.Created key = Keys.created(tenant, Map.of("name", "ci", "scopes", List.of("keys:read"), "environment", "test"));
      ApiResponse first = reroll(key.id(), "{\"grace_period_seconds\": 60}");
      ApiResponse second = reroll(key.id(), "{\"grace_period_seconds\": 3600}");

      assertThat(first.json().path("key").asString()).startsWith("vk_test_");
      assertThat(Keys.code(key.secret())).isEqualTo("VALID");
      assertThat(Keys.code(first.json().path("key").asString())).isEqualTo("VALID");
      assertThat(Keys.rows(key.id()).stream().filter(row -> row.get("secret_expires_at") == null)).hasSize(1);
      Keys.sql("update api_key_secrets set expires_at = now() where key_id = ? and expires_at < now() + interval '2 minutes'", key.id());
      assertThat(Keys.code(key.secret())).isEqualTo("EXPIRED");
      assertThat(Keys.code(first.json().path("key").asString())).isEqualTo("VALID");
      assertThat(Keys.code(second.json().path("key").asString())).isEqualTo("VALID");
    }

    @Test
    void is_audited_without_either_secret() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      String secret = reroll(key.id(), "{\"grace_period_seconds\": 600}").json().path("key").asString();

      Map<String, Object> entry = Keys.audit(key.id()).get(1);
      assertThat(entry.get("action")).isEqualTo("api_key.rerolled");
      assertThat((String) entry.get("details")).contains("\"grace_period_seconds\": 600")
          .contains(secret.substring(0, 14)).doesNotContain(secret).doesNotContain(key.secret());
    }

    @Test
    void a_key_may_reroll_itself() {
      TestApiKey key = tenant.apiKey("keys:write");

      ApiResponse r = Api.post("/api/v1/keys/" + key.id() + "/reroll").bearer(key.secret()).json("{\"grace_period_seconds\": 0}").send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Keys.code(r.json().path("key").asString())).isEqualTo("VALID");
      assertThat(Keys.code(key.secret())).isEqualTo("EXPIRED");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_grace_period_below_zero_or_beyond_thirty_days() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      assertInvalid(reroll(key.id(), "{\"grace_period_seconds\": -1}"), "grace_period_seconds");
      assertInvalid(reroll(key.id(), "{\"grace_period_seconds\": 2592001}"), "grace_period_seconds");
      assertInvalid(reroll(key.id(), "{\"grace_period_seconds\": \"1h\"}"), "grace_period_seconds");
      assertThat(Keys.rows(key.id())).hasSize(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id() {
      assertThat(reroll(UUID.randomUUID(), "{}").status()).isEqualTo(404);
    }

    @Test
    void another_organizations_key_by_its_admin_or_its_key_keeps_its_secret() {
      Tenant other = Keys.tenant();
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      String body = "{\"grace_period_seconds\": 0}";

      ApiResponse byAdmin = Api.post("/api/v1/keys/" + key.id() + "/reroll").bearer(other.token(Role.ORG_ADMIN)).json(body).send();
      ApiResponse byKey = Api.post("/api/v1/keys/" + key.id() + "/reroll").bearer(other.apiKey("keys:write").secret()).json(body).send();

      assertThat(byAdmin.status()).isEqualTo(404);
      assertThat(byKey.status()).isEqualTo(404);
      assertThat(byAdmin.body()).doesNotContain("vk_");
      assertThat(Keys.code(key.secret())).isEqualTo("VALID");
      assertThat(Keys.rows(key.id())).hasSize(1);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_revoked_key() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Api.delete("/api/v1/keys/" + key.id()).bearer(tenant.token(Role.ORG_ADMIN)).send();

      ApiResponse r = reroll(key.id(), "{}");

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.problem()).isEqualTo("conflict");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_cannot_end_a_stronger_keys_secret() {
      TestApiKey weak = TestApiKey.create(tenant.organizationId(), 10, 60, "keys:write", "keys:read");
      Keys.Created owners = Keys.withScopes(tenant, "keys:read");

      ApiResponse r = Api.post("/api/v1/keys/" + owners.id() + "/reroll").bearer(weak.secret()).json("{\"grace_period_seconds\": 0}").send();

      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("code").asString()).isEqualTo("stronger_than_caller");
      assertThat(Keys.code(owners.secret())).isEqualTo("VALID");
    }
  }
}
