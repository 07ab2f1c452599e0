package dev.saaskit.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetKeyUsageTest {

  final Tenant tenant = Keys.tenant();

  ApiResponse usage(Object id, String query) {
    return Api.get("/api/v1/keys/" + id + "/usage" + query).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  static void usageRow(UUID key, UUID org, String day, String route, int s2, int s4, int s5) {
    Keys.sql("insert into api_key_usage (key_id, day, route, organization_id, status_2xx, status_4xx, status_5xx) values (?, cast(? as date), ?, ?, ?, ?, ?)",
        key, day, route, org, s2, s4, s5);
  }

  @Nested
  class Ok {
    @Test
    void counts_every_request_the_key_made_by_route_and_status_class() {
      TestApiKey key = TestApiKey.create(tenant.organizationId(), 4, 3600, "keys:read");
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(200);
      assertThat(Api.get("/api/v1/keys/" + key.id()).bearer(key.secret()).send().status()).isEqualTo(200);
      assertThat(Api.get("/api/v1/keys/" + UUID.randomUUID()).bearer(key.secret()).send().status()).isEqualTo(404);
      assertThat(Api.post("/api/v1/keys").bearer(key.secret()).json(Map.of("name", "x", "scopes", List.of("keys:read"))).send().status())
          .isEqualTo(403);
      assertThat(Api.get("/api/v1/keys").bearer(key.secret()).send().status()).isEqualTo(429);

      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      ApiResponse r = usage(key.id(), "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode json = r.json();
      assertThat(json.path("key_id").asString()).isEqualTo(key.id().toString());
      assertThat(json.path("total").path("requests").asInt()).isEqualTo(5);
      assertThat(json.path("total").path("status_classes").toString()).isEqualTo("{\"2xx\":2,\"3xx\":0,\"4xx\":3,\"5xx\":0}");
      Map<String, String> byRoute = new TreeMap<>();
      json.path("days").forEach(day -> day.path("routes").forEach(route ->
          byRoute.merge(route.path("route").asString(), route.path("counts").path("status_classes").toString(), (a, b) -> a + b)));
      assertThat(byRoute).containsOnly(
          Map.entry("GET /api/v1/keys", "{\"2xx\":1,\"3xx\":0,\"4xx\":1,\"5xx\":0}"),
          Map.entry("GET /api/v1/keys/{id}", "{\"2xx\":1,\"3xx\":0,\"4xx\":1,\"5xx\":0}"),
          Map.entry("POST /api/v1/keys", "{\"2xx\":0,\"3xx\":0,\"4xx\":1,\"5xx\":0}"));
    }

    @Test
    void per_day_over_a_range_with_totals() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      usageRow(key.id(), tenant.organizationId(), "2030-01-01", "GET /api/v1/keys", 10, 1, 0);
      usageRow(key.id(), tenant.organizationId(), "2030-01-01", "POST /api/v1/keys", 2, 0, 1);
      usageRow(key.id(), tenant.organizationId(), "2030-01-03", "GET /api/v1/keys", 5, 0, 0);
      usageRow(key.id(), tenant.organizationId(), "2030-01-09", "GET /api/v1/keys", 100, 0, 0);

      JsonNode json = usage(key.id(), "?from=2030-01-01&to=2030-01-08").json();

      assertThat(json.path("from").asString()).isEqualTo("2030-01-01");
      assertThat(json.path("to").asString()).isEqualTo("2030-01-08");
      assertThat(json.path("total").path("requests").asInt()).isEqualTo(19);
      assertThat(json.path("days").size()).isEqualTo(2);
      JsonNode first = json.path("days").get(0);
      assertThat(first.path("date").asString()).isEqualTo("2030-01-01");
      assertThat(first.path("counts").path("requests").asInt()).isEqualTo(14);
      assertThat(first.path("routes").get(1).path("route").asString()).isEqualTo("POST /api/v1/keys");
      assertThat(first.path("routes").get(1).path("counts").path("status_classes").path("5xx").asInt()).isEqualTo(1);
      assertThat(json.path("days").get(1).path("date").asString()).isEqualTo("2030-01-03");
    }

    @Test
    void the_last_thirty_days_by_default() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      LocalDate today = LocalDate.now(ZoneOffset.UTC);

      JsonNode json = usage(key.id(), "").json();

      assertThat(LocalDate.parse(json.path("to").asString())).isBetween(today, today.plusDays(1));
      assertThat(LocalDate.parse(json.path("from").asString())).isEqualTo(LocalDate.parse(json.path("to").asString()).minusDays(29));
      assertThat(json.path("total").path("requests").asInt()).isZero();
      assertThat(json.path("days").size()).isZero();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void dates_that_are_not_dates_backwards_or_too_far_apart() {
      Keys.Created key = Keys.withScopes(tenant, "keys:read");
      assertThat(usage(key.id(), "?from=yesterday").problem()).isEqualTo("invalid_parameter");
      assertThat(usage(key.id(), "?to=2030-02-30").problem()).isEqualTo("invalid_parameter");
      assertThat(usage(key.id(), "?from=2030-01-02&to=2030-01-01").problem()).isEqualTo("invalid_parameter");
      assertThat(usage(key.id(), "?from=2029-01-01&to=2030-01-02").problem()).isEqualTo("invalid_parameter");
      assertThat(usage(key.id(), "?from=2029-01-02&to=2030-01-02").status()).isEqualTo(200);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_key() {
      assertThat(usage(UUID.randomUUID(), "").status()).isEqualTo(404);
    }

    @Test
    void another_organizations_key_by_its_admin_or_its_key() {
      Tenant other = Keys.tenant();
      TestApiKey key = tenant.apiKey("keys:read");
      usageRow(key.id(), tenant.organizationId(), LocalDate.now(ZoneOffset.UTC).toString(), "GET /api/v1/keys", 3, 0, 0);

      ApiResponse byAdmin = Api.get("/api/v1/keys/" + key.id() + "/usage").bearer(other.token(Role.ORG_ADMIN)).send();
      ApiResponse byKey = Api.get("/api/v1/keys/" + key.id() + "/usage").bearer(other.apiKey("keys:read").secret()).send();

      assertThat(byAdmin.status()).isEqualTo(404);
      assertThat(byKey.status()).isEqualTo(404);
    }
  }
}
