package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.InvocationLog;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListKeysTest {

  final Tenant tenant = Keys.tenant();

  ApiResponse list(String query) {
    return Api.get("/api/v1/keys" + query).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void lists_the_organizations_keys_oldest_first_without_secrets() {
      Keys.Created first = Keys.withScopes(tenant, "keys:read");
      Keys.Created second = Keys.withScopes(tenant, "keys:write");
      Keys.withScopes(Tenant.create(), "keys:read");

      ApiResponse r = list("");

      assertThat(r.status()).isEqualTo(200);
      JsonNode data = r.json().path("data");
      assertThat(data.size()).isEqualTo(2);
      assertThat(data.get(0).path("id").asString()).isEqualTo(first.id().toString());
      assertThat(data.get(1).path("id").asString()).isEqualTo(second.id().toString());
      assertThat(data.get(0).path("prefix").asString()).isEqualTo(first.secret().substring(0, 14));
      assertThat(r.body()).doesNotContain(first.secret()).doesNotContain(second.secret());
      assertThat(r.json().path("next_cursor").isNull()).isTrue();
    }

    @Test
    void pages_with_a_cursor() {
      for (int i = 0; i < 3; i++) {
        Keys.withScopes(tenant, "keys:read");
      }
      List<String> ids = new ArrayList<>();
      ApiResponse page = list("?limit=2");
      page.json().path("data").forEach(k -> ids.add(k.path("id").asString()));
      ApiResponse next = list("?limit=2&cursor=" + page.json().path("next_cursor").asString());
      next.json().path("data").forEach(k -> ids.add(k.path("id").asString()));

      assertThat(ids).hasSize(3).doesNotHaveDuplicates();
      assertThat(next.json().path("next_cursor").isNull()).isTrue();
    }

    @Test
    void shows_each_keys_status() {
      Keys.Created disabled = Keys.withScopes(tenant, "keys:read");
      Keys.sql("update api_keys set enabled = false where id = ?", disabled.id());
      Keys.Created expired = Keys.withScopes(tenant, "keys:read");
      Keys.sql("update api_keys set expires_at = now() - interval '1 minute' where id = ?", expired.id());
      Keys.Created revoked = Keys.withScopes(tenant, "keys:read");
      Api.delete("/api/v1/keys/" + revoked.id()).bearer(tenant.token(Role.ORG_ADMIN)).send();
      Keys.withScopes(tenant, "keys:read");

      List<String> statuses = new ArrayList<>();
      list("").json().path("data").forEach(k -> statuses.add(k.path("status").asString()));

      assertThat(statuses).containsExactly("disabled", "expired", "revoked", "active");
    }

    @Test
    void another_organizations_key_lists_only_its_own_organizations_keys() {
      Keys.Created mine = Keys.withScopes(tenant, "keys:read");
      Tenant other = Keys.tenant();
      TestApiKey theirs = other.apiKey("keys:read");

      ApiResponse r = Api.get("/api/v1/keys").bearer(theirs.secret()).send();

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("data").valueStream().map(k -> k.path("id").asString()).toList())
          .containsExactly(theirs.id().toString())
          .doesNotContain(mine.id().toString());
    }

    @Test
    void a_key_with_keys_read_lists_its_organizations_keys_in_two_statements() {
      TestApiKey key = tenant.apiKey("keys:read");

      List<ApiResponse> responses = new ArrayList<>();
      JsonNode record = InvocationLog.of(() -> responses.add(Api.get("/api/v1/keys").bearer(key.secret()).send()));

      ApiResponse r = responses.get(0);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("data").get(0).path("id").asString()).isEqualTo(key.id().toString());
      assertThat(r.header("ratelimit-limit")).isEqualTo("1000");
      assertThat(record.path("api_key_id").asString()).isEqualTo(key.id().toString());
      // The key's check (with its rate limit, usage and last use) and the list: no BEGIN, no COMMIT.
      assertThat(record.path("db_statements").asInt()).isEqualTo(2);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_bad_limit_or_cursor() {
      assertThat(list("?limit=0").problem()).isEqualTo("invalid_parameter");
      assertThat(list("?limit=101").status()).isEqualTo(400);
      assertThat(list("?cursor=garbage").problem()).isEqualTo("invalid_parameter");
    }
  }
}
