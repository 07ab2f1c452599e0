package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevokeKeyTest {

  final Tenant tenant = Keys.tenant();

  ApiResponse revoke(Object id) {
    return Api.delete("/api/v1/keys/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void the_key_stops_working_at_once_and_for_good() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(200);

      ApiResponse r = revoke(key.id());

      assertThat(r.status()).isEqualTo(204);
      assertThat(r.body()).isEmpty();
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(401);
      assertThat(Keys.code(key.secret())).isEqualTo("NOT_FOUND");
      assertThat(Keys.rows(key.id())).singleElement().satisfies(row -> assertThat(row.get("secret_hash")).isNull());
      ApiResponse shown = Api.get("/api/v1/keys/" + key.id()).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(shown.json().path("status").asString()).isEqualTo("revoked");
      assertThat(shown.json().path("revoked_at").asString()).isNotBlank();
    }

    @Test
    void revokes_a_rerolled_keys_old_secret_too() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      Api.post("/api/v1/keys/" + key.id() + "/reroll").bearer(tenant.token(Role.ORG_ADMIN)).json("{}").send();

      revoke(key.id());

      assertThat(Keys.code(key.secret())).isEqualTo("NOT_FOUND");
    }

    @Test
    void is_audited_once_and_revoking_again_changes_nothing() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      revoke(key.id());
      ApiResponse again = revoke(key.id());

      assertThat(again.status()).isEqualTo(204);
      assertThat(Keys.audit(key.id())).extracting(a -> a.get("action")).containsExactly("api_key.created", "api_key.revoked");
    }

    @Test
    void a_key_may_revoke_itself() {
      TestApiKey key = tenant.apiKey("keys:write");
      assertThat(Api.delete("/api/v1/keys/" + key.id()).bearer(key.secret()).send().status()).isEqualTo(204);
      assertThat(Keys.code(key.secret())).isEqualTo("NOT_FOUND");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_cannot_revoke_a_stronger_key() {
      TestApiKey weak = TestApiKey.create(tenant.organizationId(), 10, 60, "keys:write", "keys:read");
      Keys.Created stronger = Keys.withScopes(tenant, "keys:read");

      ApiResponse r = Api.delete("/api/v1/keys/" + stronger.id()).bearer(weak.secret()).send();

      assertThat(r.status()).isEqualTo(403);
      assertThat(Keys.code(stronger.secret())).isEqualTo("VALID");
    }

    @Test
    void a_key_cannot_revoke_a_key_with_scopes_it_lacks() {
      TestApiKey key = tenant.apiKey("keys:write");
      Keys.Created stronger = Keys.created(tenant, Map.of("name", "x", "scopes", List.of("keys:write", "keys:read")));

      ApiResponse r = Api.delete("/api/v1/keys/" + stronger.id()).bearer(key.secret()).send();

      assertThat(r.status()).isEqualTo(403);
      assertThat(Keys.code(stronger.secret())).isEqualTo("VALID");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id() {
      assertThat(revoke(UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void another_organizations_key_by_its_admin_or_its_key_keeps_working() {
      Tenant other = Keys.tenant();
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      ApiResponse byAdmin = Api.delete("/api/v1/keys/" + key.id()).bearer(other.token(Role.ORG_ADMIN)).send();
      ApiResponse byKey = Api.delete("/api/v1/keys/" + key.id()).bearer(other.apiKey("keys:write").secret()).send();

      assertThat(byAdmin.status()).isEqualTo(404);
      assertThat(byKey.status()).isEqualTo(404);
      assertThat(Keys.code(key.secret())).isEqualTo("VALID");
    }
  }
}
