package dev.saaskit.keys;

import static dev.saaskit.keys.CreateKeyTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class UpdateKeyTest {

  final Tenant tenant = Keys.tenant();

  static Map<String, Object> settings(String name, List<String> scopes, int requests, int perSeconds, boolean enabled) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", name);
    body.put("scopes", scopes);
    body.put("rate_limit", Map.of("requests", requests, "per_seconds", perSeconds));
    body.put("enabled", enabled);
    return body;
  }

  ApiResponse put(Object id, Object body) {
    return Api.put("/api/v1/keys/" + id).bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void renames_rescopes_limits_and_sets_an_expiry() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Instant expires = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      Map<String, Object> body = settings("renamed", List.of("keys:read", "keys:write"), 5, 30, true);
      body.put("expires_at", expires.toString());

      ApiResponse r = put(key.id(), body);

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Keys.rows(key.id())).singleElement().satisfies(row -> {
        assertThat(row.get("name")).isEqualTo("renamed");
        assertThat(row.get("rate_limit_requests")).isEqualTo(5);
        assertThat(row.get("rate_limit_seconds")).isEqualTo(30);
      });
      JsonNode k = r.json();
      assertThat(k.path("name").asString()).isEqualTo("renamed");
      assertThat(k.path("scopes").toString()).isEqualTo("[\"keys:read\",\"keys:write\"]");
      assertThat(k.path("rate_limit").path("requests").asInt()).isEqualTo(5);
      assertThat(k.path("rate_limit").path("per_seconds").asInt()).isEqualTo(30);
      assertThat(Instant.parse(k.path("expires_at").asString())).isEqualTo(expires);
      assertThat(k.path("prefix").asString()).isEqualTo(key.apiKey().path("prefix").asString());
      assertThat(Api.get("/api/v1/keys/" + key.id()).bearer(tenant.token(Role.ORG_ADMIN)).send().json()).isEqualTo(k);

      ApiResponse verified = Keys.verify(key.secret());
      assertThat(verified.json().path("ratelimit").path("limit").asInt()).isEqualTo(5);
      assertThat(verified.json().path("scopes").size()).isEqualTo(2);
    }

    @Test
    void disabling_stops_the_key_and_enabling_brings_it_back() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      ApiResponse off = put(key.id(), settings("program", List.of("keys:read"), 1000, 60, false));
      assertThat(off.json().path("status").asString()).isEqualTo("disabled");
      assertThat(Keys.code(key.secret())).isEqualTo("DISABLED");
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(401);

      put(key.id(), settings("program", List.of("keys:read"), 1000, 60, true));
      assertThat(Keys.code(key.secret())).isEqualTo("VALID");
    }

    @Test
    void an_absent_expiry_removes_it() {
      Keys.Created key = Keys.created(tenant, Map.of("name", "x", "scopes", List.of("keys:read"),
          "expires_at", Instant.now().plus(1, ChronoUnit.DAYS).toString()));

      ApiResponse r = put(key.id(), settings("x", List.of("keys:read"), 1000, 60, true));

      assertThat(r.json().path("expires_at").isNull()).isTrue();
      assertThat(Keys.rows(key.id())).singleElement().satisfies(row -> assertThat(row.get("expires_at")).isNull());
    }

    @Test
    void is_audited_with_what_changed() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      put(key.id(), settings("renamed", List.of("keys:read"), 10, 60, false));

      List<Map<String, Object>> audit = Keys.audit(key.id());
      assertThat(audit).extracting(a -> a.get("action")).containsExactly("api_key.created", "api_key.updated");
      String details = (String) audit.get(1).get("details");
      assertThat(details).contains("\"name\": {\"to\": \"renamed\", \"from\": \"program\"}")
          .contains("\"enabled\": {\"to\": false, \"from\": true}")
          .contains("rate_limit")
          .doesNotContain("scopes");
    }

    @Test
    void putting_the_same_settings_changes_nothing_and_audits_nothing() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      put(key.id(), settings("program", List.of("keys:read"), 1000, 60, true));
      assertThat(Keys.audit(key.id())).hasSize(1);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void every_setting_is_checked() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      assertInvalid(put(key.id(), settings("x", List.of("nope:read"), 10, 60, true)), "scopes[0]");
      assertInvalid(put(key.id(), settings("x", List.of("keys:read"), 0, 60, true)), "rate_limit.requests");
      assertInvalid(put(key.id(), settings("x", List.of("keys:read"), 10, 100_000, true)), "rate_limit.per_seconds");
      Map<String, Object> past = settings("x", List.of("keys:read"), 10, 60, true);
      past.put("expires_at", "2001-01-01T00:00:00Z");
      assertInvalid(put(key.id(), past), "expires_at");
      Map<String, Object> partial = settings("x", List.of("keys:read"), 10, 60, true);
      partial.remove("enabled");
      partial.remove("rate_limit");
      ApiResponse r = put(key.id(), partial);
      assertInvalid(r, "enabled");
      assertInvalid(r, "rate_limit");
      assertThat(Keys.code(key.secret())).isEqualTo("VALID");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_cannot_raise_a_key_above_its_own_rate_nor_touch_a_stronger_key() {
      TestApiKey manager = TestApiKey.create(tenant.organizationId(), 100, 60, "keys:write", "keys:read");
      Keys.Created weaker = Keys.created(tenant, Map.of("name", "weaker", "scopes", List.of("keys:read"), "rate_limit", Map.of("requests", 10, "per_seconds", 60)));
      Keys.Created stronger = Keys.withScopes(tenant, "keys:read");

      ApiResponse raise = Api.put("/api/v1/keys/" + weaker.id()).bearer(manager.secret()).json(settings("weaker", List.of("keys:read"), 5000, 60, true)).send();
      ApiResponse touch = Api.put("/api/v1/keys/" + stronger.id()).bearer(manager.secret()).json(settings("weakened", List.of("keys:read"), 10, 60, true)).send();

      assertThat(raise.status()).isEqualTo(403);
      assertThat(raise.json().path("code").asString()).isEqualTo("stronger_than_caller");
      assertThat(touch.status()).isEqualTo(403);
      assertThat(Keys.rows(weaker.id())).singleElement().satisfies(row -> assertThat(row.get("rate_limit_requests")).isEqualTo(10));
      assertThat(Keys.rows(stronger.id())).singleElement().satisfies(row -> assertThat(row.get("name")).isEqualTo("program"));
    }

    @Test
    void a_key_cannot_widen_a_key_beyond_its_own_scopes() {
      TestApiKey manager = tenant.apiKey("keys:write");
      Keys.Created reader = Keys.withScopes(tenant, "keys:read");

      ApiResponse r = Api.put("/api/v1/keys/" + reader.id()).bearer(manager.secret())
          .json(settings("x", List.of("keys:write"), 10, 60, true)).send();

      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
    }

    @Test
    void a_key_may_change_a_key_within_its_scopes() {
      TestApiKey manager = tenant.apiKey("keys:write");
      Keys.Created other = Keys.withScopes(tenant, "keys:write");

      ApiResponse r = Api.put("/api/v1/keys/" + other.id()).bearer(manager.secret())
          .json(settings("renamed by a key", List.of("keys:write"), 10, 60, true)).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Keys.rows(other.id())).singleElement().satisfies(row -> {
        assertThat(row.get("name")).isEqualTo("renamed by a key");
        assertThat(row.get("rate_limit_requests")).isEqualTo(10);
      });
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id() {
      assertThat(put(UUID.randomUUID(), settings("x", List.of("keys:read"), 10, 60, true)).status()).isEqualTo(404);
    }

    @Test
    void another_organizations_key_by_its_admin_or_its_key_stays_as_it_was() {
      Tenant other = Keys.tenant();
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Object before = RouteSecurityTest.aKey(null).snapshot(tenant);
      Map<String, Object> takeover = settings("taken over", List.of("keys:write"), 1, 1, false);

      ApiResponse byAdmin = Api.put("/api/v1/keys/" + key.id()).bearer(other.token(Role.ORG_ADMIN)).json(takeover).send();
      ApiResponse byKey = Api.put("/api/v1/keys/" + key.id()).bearer(other.apiKey("keys:write").secret()).json(takeover).send();

      assertThat(byAdmin.status()).isEqualTo(404);
      assertThat(byKey.status()).isEqualTo(404);
      assertThat(RouteSecurityTest.aKey(null).snapshot(tenant)).isEqualTo(before);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_revoked_key_cannot_be_changed() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Api.delete("/api/v1/keys/" + key.id()).bearer(tenant.token(Role.ORG_ADMIN)).send();

      ApiResponse r = put(key.id(), settings("x", List.of("keys:read"), 10, 60, true));

      assertThat(r.status()).isEqualTo(409);
      assertThat(Keys.code(key.secret())).isEqualTo("NOT_FOUND");
    }
  }
}
