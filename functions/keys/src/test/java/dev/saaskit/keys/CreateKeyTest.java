package dev.saaskit.keys;

import static dev.saaskit.keys.Keys.create;
import static dev.saaskit.keys.Keys.created;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.identity.ApiKeyFormat;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateKeyTest {

  final Tenant tenant = Keys.tenant();

  static void assertInvalid(ApiResponse r, String field) {
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.problem()).isEqualTo("validation_failed");
    assertThat(r.json().path("errors").findValuesAsString("field")).contains(field);
  }

  @Nested
  class Created {
    @Test
    void answers_the_secret_once_with_the_keys_settings() {
      Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      ApiResponse r = create(tenant, Map.of(
          "name", "billing sync",
          "scopes", List.of("keys:read"),
          "expires_at", expires.toString(),
          "rate_limit", Map.of("requests", 50, "per_seconds", 10)));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      String secret = r.json().path("key").asString();
      JsonNode key = r.json().path("api_key");
      assertThat(ApiKeyFormat.isWellFormed(secret)).isTrue();
      assertThat(secret).startsWith("vk_live_");
      assertThat(r.header("location")).isEqualTo("/api/v1/keys/" + key.path("id").asString());
      assertThat(key.path("name").asString()).isEqualTo("billing sync");
      assertThat(key.path("prefix").asString()).isEqualTo(secret.substring(0, 14));
      assertThat(key.path("environment").asString()).isEqualTo("live");
      assertThat(key.path("status").asString()).isEqualTo("active");
      assertThat(key.path("enabled").asBoolean()).isTrue();
      assertThat(key.path("scopes").get(0).asString()).isEqualTo("keys:read");
      assertThat(key.path("rate_limit").path("requests").asInt()).isEqualTo(50);
      assertThat(key.path("rate_limit").path("per_seconds").asInt()).isEqualTo(10);
      assertThat(Instant.parse(key.path("expires_at").asString())).isEqualTo(expires);
      assertThat(key.path("last_used_at").isNull()).isTrue();
      assertThat(key.path("created_at").asString()).isNotBlank();
      assertThat(key.has("key")).isFalse();
      assertThat(Keys.code(secret)).isEqualTo("VALID");
    }

    @Test
    void in_a_workspace_of_the_organization() {
      UUID workspace = Ids.newId();
      Keys.sql("insert into workspaces (id, organization_id, name) values (?, ?, 'backend')", workspace, tenant.organizationId());

      ApiResponse r = create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "workspace_id", workspace.toString()));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("api_key").path("workspace_id").asString()).isEqualTo(workspace.toString());
    }

    @Test
    void a_test_key_with_the_default_rate_limit() {
      ApiResponse r = create(tenant, Map.of("name", "ci", "scopes", List.of("keys:read"), "environment", "test"));

      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("key").asString()).startsWith("vk_test_");
      assertThat(r.json().path("api_key").path("environment").asString()).isEqualTo("test");
      assertThat(r.json().path("api_key").path("rate_limit").path("requests").asInt()).isEqualTo(1000);
      assertThat(r.json().path("api_key").path("rate_limit").path("per_seconds").asInt()).isEqualTo(60);
      assertThat(r.json().path("api_key").path("expires_at").isNull()).isTrue();
    }

    @Test
    void only_the_sha256_of_the_secret_is_stored_and_nothing_else_holds_it() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      String hidden = key.secret().substring(14);

      List<Map<String, Object>> rows = Keys.rows(key.id());
      assertThat(rows).hasSize(1);
      assertThat((byte[]) rows.get(0).get("secret_hash")).isEqualTo(ApiKeyFormat.hash(key.secret()));
      String everything = TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
              """
              select concat_ws('|', (select string_agg(t::text, '|') from api_keys t where t.id = :id),
                                    (select string_agg(t::text, '|') from api_key_secrets t where t.key_id = :id),
                                    (select string_agg(t::text, '|') from audit_logs t where t.resource_id = :rid))
              """)
          .bind("id", key.id()).bind("rid", key.id().toString()).mapTo(String.class).one());
      assertThat(everything).contains(key.id().toString()).doesNotContain(hidden);
      assertThat(everything).doesNotContain(HexFormat.of().formatHex(key.secret().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void an_idempotency_key_never_stores_the_secret_for_a_replay() {
      String idempotencyKey = UUID.randomUUID().toString();
      Api.Request request = Api.post("/api/v1/keys").bearer(tenant.token(Role.ORG_ADMIN)).idempotencyKey(idempotencyKey)
          .json(Map.of("name", "retried", "scopes", List.of("keys:read")));

      ApiResponse first = request.send();
      ApiResponse second = request.send();

      assertThat(first.status()).isEqualTo(201);
      assertThat(second.status()).isEqualTo(201);
      assertThat(second.json().path("key").asString()).isNotEqualTo(first.json().path("key").asString());
      int stored = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from idempotency_keys where key = ?")
          .bind(0, idempotencyKey).mapTo(Integer.class).one());
      assertThat(stored).isZero();
    }

    @Test
    void is_audited_with_its_settings_and_the_admin_as_actor() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      List<Map<String, Object>> audit = Keys.audit(key.id());
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).get("action")).isEqualTo("api_key.created");
      assertThat(audit.get(0).get("actor_user_id")).isEqualTo(tenant.member(Role.ORG_ADMIN));
      assertThat((String) audit.get(0).get("details")).contains("keys:read").contains(key.secret().substring(0, 14))
          .doesNotContain(key.secret());
    }

    @Test
    void a_key_with_keys_write_may_create_keys_within_its_own_scopes() {
      TestApiKey manager = tenant.apiKey("keys:write", "keys:read");

      ApiResponse r = Api.post("/api/v1/keys").bearer(manager.secret())
          .json(Map.of("name", "made by a key", "scopes", List.of("keys:read"))).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(Keys.audit(UUID.fromString(r.json().path("api_key").path("id").asString())).get(0))
          .containsEntry("actor_api_key_id", manager.id());
    }
  }

  @Nested
  class BadRequest {
    @Test
    void name_and_scopes_are_required() {
      assertInvalid(create(tenant, Map.of("scopes", List.of("keys:read"))), "name");
      assertInvalid(create(tenant, Map.of("name", "x")), "scopes");
      assertInvalid(create(tenant, Map.of("name", " ", "scopes", List.of("keys:read"))), "name");
      assertInvalid(create(tenant, Map.of("name", "x".repeat(101), "scopes", List.of("keys:read"))), "name");
    }

    @Test
    void scopes_that_do_not_exist_none_or_twice() {
      ApiResponse unknown = create(tenant, Map.of("name", "x", "scopes", List.of("keys:read", "tickets:write")));
      assertInvalid(unknown, "scopes[1]");
      assertThat(unknown.json().path("detail").asString()).contains("'tickets:write' is not a scope");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of())), "scopes");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read", "keys:read"))), "scopes");
      assertInvalid(create(tenant, "{\"name\": \"x\", \"scopes\": \"keys:read\"}"), "scopes");
    }

    @Test
    void rate_limits_of_zero_or_absurd_values() {
      for (Map<String, Object> limit : List.<Map<String, Object>>of(
          Map.of("requests", 0, "per_seconds", 60),
          Map.of("requests", -5, "per_seconds", 60),
          Map.of("requests", 10_001, "per_seconds", 60),
          Map.of("requests", 10, "per_seconds", 0),
          Map.of("requests", 10, "per_seconds", 86_401))) {
        ApiResponse r = create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "rate_limit", limit));
        assertThat(r.status()).as(limit.toString()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("field").asString()).startsWith("rate_limit.");
      }
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "rate_limit", Map.of("requests", 10))),
          "rate_limit.per_seconds");
      assertInvalid(create(tenant, "{\"name\": \"x\", \"scopes\": [\"keys:read\"], \"rate_limit\": {\"requests\": 1e12, \"per_seconds\": 1}}"),
          "rate_limit.requests");
      assertInvalid(create(tenant, "{\"name\": \"x\", \"scopes\": [\"keys:read\"], \"rate_limit\": {\"requests\": 99999999999, \"per_seconds\": 1}}"),
          "rate_limit.requests");
    }

    @Test
    void expires_at_in_the_past_or_not_a_timestamp() {
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "expires_at", "2020-01-01T00:00:00Z")), "expires_at");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "expires_at", "tomorrow")), "expires_at");
    }

    @Test
    void a_workspace_of_another_organization_or_none() {
      UUID elsewhere = Ids.newId();
      Tenant other = Tenant.create();
      Keys.sql("insert into workspaces (id, organization_id, name) values (?, ?, 'theirs')", elsewhere, other.organizationId());

      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "workspace_id", elsewhere.toString())), "workspace_id");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "workspace_id", UUID.randomUUID().toString())),
          "workspace_id");
    }

    @Test
    void an_unknown_environment_or_field() {
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "environment", "prod")), "environment");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "key", "vk_live_mine")), "key");
      assertInvalid(create(tenant, Map.of("name", "x", "scopes", List.of("keys:read"), "workspace_id", "not-a-uuid")), "workspace_id");
    }

    @Test
    void nothing_is_stored_for_a_refused_request() {
      int before = count();
      create(tenant, Map.of("name", "x", "scopes", List.of("nope:read")));
      assertThat(count()).isEqualTo(before);
    }

    int count() {
      return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from api_keys where organization_id = ?")
          .bind(0, tenant.organizationId()).mapTo(Integer.class).one());
    }
  }

  @Nested
  class PaymentRequired {
    @Test
    void past_the_plans_number_of_keys_where_revoked_keys_do_not_count() {
      Tenant free = Tenant.create();
      Keys.Created first = Keys.withScopes(free, "keys:read");
      Keys.withScopes(free, "keys:read");

      ApiResponse r = create(free, Map.of("name", "third", "scopes", List.of("keys:read")));

      assertThat(r.status()).as(r.toString()).isEqualTo(402);
      assertThat(r.problem()).isEqualTo("limit_exceeded");
      assertThat(r.json().path("limit").asString()).isEqualTo("api_keys");
      assertThat(r.json().path("value").asInt()).isEqualTo(2);
      assertThat(r.json().path("current").asInt()).isEqualTo(2);

      Api.delete("/api/v1/keys/" + first.id()).bearer(free.token(Role.ORG_ADMIN)).send();
      assertThat(create(free, Map.of("name", "third", "scopes", List.of("keys:read"))).status()).isEqualTo(201);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_cannot_make_a_key_stronger_than_itself_in_any_way() {
      TestApiKey manager = TestApiKey.create(tenant.organizationId(), 100, 60, "keys:write", "keys:read");
      Instant managerExpiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
      Keys.sql("update api_keys set expires_at = ? where id = ?", java.sql.Timestamp.from(managerExpiry), manager.id());
      Map<String, Object> within = new java.util.HashMap<>(Map.of("name", "within", "scopes", List.of("keys:read"),
          "rate_limit", Map.of("requests", 50, "per_seconds", 60), "expires_at", managerExpiry.toString()));

      for (Map<String, Object> stronger : List.<Map<String, Object>>of(
          with(within, "rate_limit", Map.of("requests", 101, "per_seconds", 60)),
          with(within, "rate_limit", Map.of("requests", 100, "per_seconds", 1)),
          with(within, "expires_at", managerExpiry.plus(1, ChronoUnit.HOURS).toString()),
          without(within, "expires_at"))) {
        ApiResponse r = Api.post("/api/v1/keys").bearer(manager.secret()).json(stronger).send();
        assertThat(r.status()).as("%s: %s", stronger, r).isEqualTo(403);
        assertThat(r.json().path("code").asString()).isEqualTo("stronger_than_caller");
      }
      assertThat(Api.post("/api/v1/keys").bearer(manager.secret()).json(within).send().status()).isEqualTo(201);
    }

    @Test
    void a_test_key_cannot_make_a_live_key_nor_a_workspace_key_a_key_outside_its_workspace() {
      TestApiKey testKey = tenant.apiKey("keys:write");
      Keys.sql("update api_keys set environment = 'test' where id = ?", testKey.id());

      ApiResponse live = Api.post("/api/v1/keys").bearer(testKey.secret()).json(Map.of("name", "live", "scopes", List.of("keys:write"))).send();
      ApiResponse test = Api.post("/api/v1/keys").bearer(testKey.secret())
          .json(Map.of("name", "test", "scopes", List.of("keys:write"), "environment", "test")).send();

      assertThat(live.status()).isEqualTo(403);
      assertThat(test.status()).as(test.toString()).isEqualTo(201);

      TestApiKey workspaceKey = tenant.apiKey("keys:write");
      UUID workspace = Ids.newId();
      Keys.sql("insert into workspaces (id, organization_id, name) values (?, ?, 'bound')", workspace, tenant.organizationId());
      Keys.sql("update api_keys set workspace_id = ? where id = ?", workspace, workspaceKey.id());
      ApiResponse unbound = Api.post("/api/v1/keys").bearer(workspaceKey.secret()).json(Map.of("name", "free", "scopes", List.of("keys:write"))).send();
      ApiResponse bound = Api.post("/api/v1/keys").bearer(workspaceKey.secret())
          .json(Map.of("name", "bound", "scopes", List.of("keys:write"), "workspace_id", workspace.toString())).send();
      assertThat(unbound.status()).isEqualTo(403);
      assertThat(bound.status()).as(bound.toString()).isEqualTo(201);
    }

    @Test
    void a_key_cannot_hand_out_a_scope_it_lacks() {
      TestApiKey manager = tenant.apiKey("keys:write");

      ApiResponse r = Api.post("/api/v1/keys").bearer(manager.secret())
          .json(Map.of("name", "escalation", "scopes", List.of("keys:write", "keys:read"))).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
    }

    @Test
    void a_key_without_keys_write() {
      TestApiKey reader = tenant.apiKey("keys:read");
      ApiResponse r = Api.post("/api/v1/keys").bearer(reader.secret()).json(Map.of("name", "x", "scopes", List.of("keys:read"))).send();
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
    }
  }

  static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(body);
    copy.put(field, value);
    return copy;
  }

  static Map<String, Object> without(Map<String, Object> body, String field) {
    Map<String, Object> copy = new java.util.HashMap<>(body);
    copy.remove(field);
    return copy;
  }
}
