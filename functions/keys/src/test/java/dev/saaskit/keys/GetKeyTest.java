package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetKeyTest {

  final Tenant tenant = Keys.tenant();

  ApiResponse get(Object id) {
    return Api.get("/api/v1/keys/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void reads_the_key_as_it_was_created_without_its_secret() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      ApiResponse r = get(key.id());

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json()).isEqualTo(key.apiKey());
      assertThat(r.body()).doesNotContain(key.secret());
    }

    @Test
    void shows_when_the_key_was_last_used() {
      TestApiKey key = tenant.apiKey("keys:read");
      Api.get("/api/v1/keys/" + key.id()).bearer(key.secret()).send();

      ApiResponse r = get(key.id());

      assertThat(r.json().path("last_used_at").asString()).isNotBlank();
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id() {
      ApiResponse r = get(UUID.randomUUID());
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.problem()).isEqualTo("not_found");
    }

    @Test
    void another_organizations_key_by_its_admin_or_its_key() {
      Tenant other = Keys.tenant();
      Keys.Created key = Keys.withScopes(tenant, "keys:read");

      ApiResponse byAdmin = Api.get("/api/v1/keys/" + key.id()).bearer(other.token(Role.ORG_ADMIN)).send();
      ApiResponse byKey = Api.get("/api/v1/keys/" + key.id()).bearer(other.apiKey("keys:read").secret()).send();

      assertThat(byAdmin.status()).isEqualTo(404);
      assertThat(byKey.status()).isEqualTo(404);
      assertThat(byAdmin.body()).doesNotContain(key.id().toString());
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(get("12").problem()).isEqualTo("invalid_parameter");
    }
  }
}
