package dev.saaskit.testkit;

import static dev.saaskit.testkit.RequestBodyTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API keys on a route of another domain that accepts them ({@code GET /whoami}, scope
 * {@code things:read}), with keys written straight to the database as the keys domain stores them.
 */
class ApiKeyAuthenticationTest {

  final Tenant tenant = Tenant.create();

  static ApiResponse whoami(String key) {
    return Api.get("/whoami").bearer(key).send();
  }

  static void sql(String sql, Object... args) {
    TestDatabase.get().jdbi().useHandle(h -> h.execute(sql, args));
  }

  static Map<String, Object> usage(UUID key) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery(
            "select day, route, status_2xx, status_3xx, status_4xx, status_5xx from api_key_usage where key_id = ?")
        .bind(0, key).mapToMap().one());
  }

  static Instant lastUsed(UUID key) {
    return TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select last_used_at from api_key_rate_windows where key_id = ?")
        .bind(0, key).mapTo(Instant.class).one());
  }

  @Nested
  class Ok {
    @Test
    void key_requests_count_against_the_plans_monthly_requests() {
      TestApiKey key = tenant.apiKey("things:read");
      whoami(key.secret());
      whoami(key.secret());

      long used = TestDatabase.get().withHandle(h ->
          dev.saaskit.shared.limits.Limits.usage(h, tenant.organizationId(), dev.saaskit.shared.limits.Limits.Limit.API_REQUESTS_PER_MONTH));
      assertThat(used).isEqualTo(2);
    }

    @Test
    void a_key_with_the_routes_scope_is_a_caller_of_its_organization() {
      TestApiKey key = tenant.apiKey("things:read");

      ApiResponse r = whoami(key.secret());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode caller = r.json();
      assertThat(caller.path("kind").asString()).isEqualTo("API_KEY");
      assertThat(caller.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(caller.path("api_key_id").asString()).isEqualTo(key.id().toString());
      assertThat(caller.path("user_id").isNull()).isTrue();
      assertThat(caller.path("scopes").get(0).asString()).isEqualTo("things:read");
      assertThat(r.header("ratelimit-limit")).isEqualTo("1000");
      assertThat(r.header("ratelimit-remaining")).isEqualTo("999");
      assertThat(Integer.parseInt(r.header("ratelimit-reset"))).isBetween(1, 60);
      assertThat(r.header("cache-control")).isEqualTo("no-store");
    }

    @Test
    void the_key_costs_one_statement_that_also_counts_usage_and_last_use() {
      TestApiKey key = tenant.apiKey("things:read");

      JsonNode record = InvocationLog.of(() -> whoami(key.secret()));

      assertThat(record.path("status").asInt()).isEqualTo(200);
      assertThat(record.path("api_key_id").asString()).isEqualTo(key.id().toString());
      assertThat(record.path("db_statements").asInt()).isEqualTo(1);
      Map<String, Object> usage = usage(key.id());
      assertThat(usage.get("route")).isEqualTo("GET /whoami");
      assertThat(usage.get("day").toString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
      assertThat(usage.get("status_2xx")).isEqualTo(1L);
      assertThat(lastUsed(key.id())).isNotNull();
    }

    @Test
    void last_use_moves_with_every_request_in_the_row_the_check_writes_anyway() {
      TestApiKey key = tenant.apiKey("things:read");
      whoami(key.secret());
      sql("update api_key_rate_windows set last_used_at = now() - interval '30 seconds' where key_id = ?", key.id());
      Instant earlier = lastUsed(key.id());

      whoami(key.secret());

      assertThat(lastUsed(key.id())).isAfter(earlier);
    }

    @Test
    void a_new_window_begins_after_the_last_one_ended() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 2, 3600, "things:read");
      whoami(key.secret());
      whoami(key.secret());
      assertThat(whoami(key.secret()).status()).isEqualTo(429);

      sql("update api_key_rate_windows set window_end = now() - interval '1 second' where key_id = ?", key.id());
      ApiResponse r = whoami(key.secret());

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("ratelimit-remaining")).isEqualTo("1");
      assertThat(Integer.parseInt(r.header("ratelimit-reset"))).isBetween(3599, 3600);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void malformed_keys_and_bad_checksums_are_refused_without_a_statement() {
      TestApiKey key = tenant.apiKey("things:read");
      String last = key.secret().substring(key.secret().length() - 1);
      String badChecksum = key.secret().substring(0, key.secret().length() - 1) + (last.equals("0") ? "1" : "0");

      for (String bad : new String[] {"vk_live_abc", "vk_live_" + "x".repeat(38), badChecksum, key.secret() + "x", "vk_"}) {
        JsonNode record = InvocationLog.of(() -> assertProblem(whoami(bad), 401, "unauthenticated"));
        assertThat(record.path("db_statements").asInt()).as(bad).isZero();
      }
    }

    @Test
    void an_unknown_key() {
      String unknown = dev.saaskit.shared.identity.ApiKeyFormat.generate("live");
      ApiResponse r = whoami(unknown);
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).isEqualTo("the API key is not valid");
    }

    @Test
    void a_disabled_key() {
      TestApiKey key = tenant.apiKey("things:read");
      sql("update api_keys set enabled = false where id = ?", key.id());
      ApiResponse r = whoami(key.secret());
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).contains("disabled");
    }

    @Test
    void an_expired_key_or_an_old_secret_past_its_grace_period() {
      TestApiKey expired = tenant.apiKey("things:read");
      sql("update api_keys set expires_at = now() - interval '1 second' where id = ?", expired.id());
      TestApiKey rerolled = tenant.apiKey("things:read");
      sql("update api_key_secrets set expires_at = now() - interval '1 second' where key_id = ?", rerolled.id());

      assertThat(whoami(expired.secret()).json().path("detail").asString()).contains("expired");
      assertProblem(whoami(rerolled.secret()), 401, "unauthenticated");
    }

    @Test
    void a_revoked_key_whose_secrets_are_gone() {
      TestApiKey key = tenant.apiKey("things:read");
      sql("delete from api_key_secrets where key_id = ?", key.id());
      assertProblem(whoami(key.secret()), 401, "unauthenticated");
    }

    @Test
    void a_key_of_a_deleted_organization() {
      Tenant gone = Tenant.create();
      TestApiKey key = gone.apiKey("things:read");
      sql("update organizations set deleted_at = now() where id = ?", gone.organizationId());
      ApiResponse r = whoami(key.secret());
      assertProblem(r, 401, "unauthenticated");
      assertThat(r.json().path("detail").asString()).isEqualTo("the API key is not valid");
    }

    @Test
    void refused_keys_are_not_counted() {
      TestApiKey key = tenant.apiKey("things:read");
      sql("update api_keys set enabled = false where id = ?", key.id());
      whoami(key.secret());
      int rows = TestDatabase.get().jdbi().withHandle(h -> h.createQuery("select count(*) from api_key_usage where key_id = ?")
          .bind(0, key.id()).mapTo(Integer.class).one());
      assertThat(rows).isZero();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_the_routes_scope_is_counted_as_4xx() {
      TestApiKey key = tenant.apiKey("other:read");

      JsonNode record = InvocationLog.of(() -> {
        ApiResponse r = whoami(key.secret());
        assertProblem(r, 403, "insufficient_scope");
        assertThat(r.header("ratelimit-remaining")).isEqualTo("999");
      });

      assertThat(record.path("db_statements").asInt()).isEqualTo(2);
      assertThat(usage(key.id())).containsEntry("status_2xx", 0L).containsEntry("status_4xx", 1L);
    }
  }

  @Nested
  class TooManyRequests {
    @Test
    void past_the_limit_the_key_gets_429_with_rate_limit_headers() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 2, 3600, "things:read");

      ApiResponse first = whoami(key.secret());
      ApiResponse second = whoami(key.secret());
      ApiResponse third = whoami(key.secret());

      assertThat(first.header("ratelimit-remaining")).isEqualTo("1");
      assertThat(second.header("ratelimit-remaining")).isEqualTo("0");
      assertProblem(third, 429, "rate_limited");
      assertThat(third.header("ratelimit-limit")).isEqualTo("2");
      assertThat(third.header("ratelimit-remaining")).isEqualTo("0");
      assertThat(Integer.parseInt(third.header("retry-after"))).isBetween(3500, 3600);
      assertThat(third.header("ratelimit-reset")).isEqualTo(third.header("retry-after"));
      assertThat(usage(key.id())).containsEntry("status_2xx", 2L).containsEntry("status_4xx", 1L);
    }
  }
}
