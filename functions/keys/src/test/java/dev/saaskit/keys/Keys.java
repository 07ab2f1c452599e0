package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestDatabase;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Shorthands for the keys tests: keys made through the API, and what the database holds. */
final class Keys {

  private Keys() {}

  /** An organization on the plan without limits, so a test may make as many keys as it needs. */
  static Tenant tenant() {
    Tenant tenant = Tenant.create();
    sql("update organizations set plan = 'enterprise' where id = ?", tenant.organizationId());
    return tenant;
  }

  /** A key made by the organization's admin through {@code POST /api/v1/keys}. */
  record Created(UUID id, String secret, JsonNode apiKey) {}

  static ApiResponse create(Tenant tenant, Object body) {
    return Api.post("/api/v1/keys").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  static Created created(Tenant tenant, Object body) {
    ApiResponse r = create(tenant, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    JsonNode json = r.json();
    return new Created(UUID.fromString(json.path("api_key").path("id").asString()), json.path("key").asString(), json.path("api_key"));
  }

  static Created withScopes(Tenant tenant, String... scopes) {
    return created(tenant, Map.of("name", "program", "scopes", List.of(scopes)));
  }

  static ApiResponse verify(String key) {
    return Api.post("/api/v1/keys/verify").json(Map.of("key", key)).send();
  }

  static String code(String key) {
    ApiResponse r = verify(key);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().path("code").asString();
  }

  static void sql(String sql, Object... args) {
    TestDatabase.get().jdbi().useHandle(h -> h.execute(sql, args));
  }

  static List<Map<String, Object>> audit(UUID keyId) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select action, actor_user_id, actor_api_key_id, details::text as details from audit_logs where resource_id = ? order by id")
        .bind(0, keyId.toString()).mapToMap().list());
  }

  static List<Map<String, Object>> rows(UUID keyId) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            """
            select k.*, s.secret_hash, s.expires_at as secret_expires_at
              from api_keys k left join api_key_secrets s on s.key_id = k.id
             where k.id = ? order by s.created_at
            """)
        .bind(0, keyId).mapToMap().list());
  }
}
