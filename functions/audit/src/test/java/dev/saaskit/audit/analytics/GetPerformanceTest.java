package dev.saaskit.audit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetPerformanceTest {

  static final String PATH = "/api/v1/analytics/performance?";

  final Tenant tenant = Audit.tenant();
  final String function = Usage.function();
  final Instant hour = Usage.recentHour();

  JsonNode route(JsonNode body, String route) {
    for (JsonNode r : body.path("routes")) {
      if (r.path("function").asString().equals(function) && r.path("route").asString().equals(route)) {
        return r;
      }
    }
    return null;
  }

  /** 100 requests over two hours: 50 of 12.5 ms, 45 of 50 ms, 4 of 200 ms, 1 of 800 ms; 2 cold starts. */
  void knownDurations(UUID organization, String route) {
    Usage.records(organization, function, "http", route, 2, 50, "12.5", 13, 512, 2, hour.plusSeconds(5));
    Usage.records(organization, function, "http", route, 2, 45, "50", 50, 512, 0, hour.plus(1, ChronoUnit.HOURS).plusSeconds(5));
    Usage.records(organization, function, "http", route, 5, 4, "200", 200, 512, 0, hour.plusSeconds(5));
    Usage.records(organization, function, "http", route, 2, 1, "800", 800, 512, 0, hour.plus(1, ChronoUnit.HOURS).plusSeconds(5));
  }

  @Nested
  class Ok {
    @Test
    void percentiles_come_from_the_hours_histograms_merged() {
      knownDurations(tenant.organizationId(), "GET /api/v1/things");
      Usage.records(Audit.tenant().organizationId(), function, "http", "GET /api/v1/things", 2, 500, "900", 900, 512, 0, hour.plusSeconds(5));
      Usage.rollUp();

      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("precision").asString()).contains("9.3%");
      JsonNode things = route(r.json(), "GET /api/v1/things");
      assertThat(things.path("requests").asLong()).as("another organization's 500 slow ones are not merged").isEqualTo(100);
      assertThat(things.path("cold_starts").asLong()).isEqualTo(2);
      assertThat(things.path("mean_ms").decimalValue()).isEqualByComparingTo("44.75"); // (625 + 2250 + 800 + 800) / 100
      // Nearest rank: the 50th is 12.5 ms, the 95th 50 ms, the 99th 200 ms; each read as its bucket's upper bound.
      assertThat(things.path("p50_ms").decimalValue()).isEqualByComparingTo("12.8");
      assertThat(things.path("p95_ms").decimalValue()).isEqualByComparingTo("51.2");
      assertThat(things.path("p99_ms").decimalValue()).isEqualByComparingTo("204.8");
    }

    @Test
    void an_analytics_read_key_reads_its_own_organizations() {
      knownDurations(tenant.organizationId(), "GET /api/v1/things");
      Usage.records(Audit.tenant().organizationId(), function, "http", "GET /api/v1/things", 2, 500, "900", 900, 512, 0, hour.plusSeconds(5));
      Usage.rollUp();

      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(), PATH + "from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(route(r.json(), "GET /api/v1/things").path("requests").asLong()).isEqualTo(100);
    }

    @Test
    void a_range_of_whole_days_reads_the_daily_roll_up() {
      knownDurations(tenant.organizationId(), "GET /api/v1/things");
      Usage.rollUp();
      Instant day = hour.truncatedTo(ChronoUnit.DAYS);

      JsonNode body = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "from=" + day + "&to=" + day.plus(2, ChronoUnit.DAYS)).json();

      JsonNode things = route(body, "GET /api/v1/things");
      assertThat(things.path("requests").asLong()).isEqualTo(100);
      assertThat(things.path("p99_ms").decimalValue()).isEqualByComparingTo("204.8");
    }

    @Test
    void a_super_admin_merges_every_organization_or_reads_the_one_it_names() {
      Tenant other = Audit.tenant();
      knownDurations(tenant.organizationId(), "GET /api/v1/things");
      Usage.records(other.organizationId(), function, "http", "GET /api/v1/things", 2, 100, "800", 800, 512, 0, hour.plusSeconds(5));
      Usage.rollUp();
      String superAdmin = Audit.superAdmin(Audit.tenant());
      String range = "from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS);

      JsonNode all = route(Usage.get(superAdmin, PATH + range).json(), "GET /api/v1/things");
      assertThat(all.path("requests").asLong()).isEqualTo(200);
      // Sorted: 50 of 12.5 ms, 45 of 50, 4 of 200, then 101 of 800: the 100th of 200 is one of the last.
      assertThat(all.path("p50_ms").decimalValue()).isEqualByComparingTo("819.2");
      assertThat(all.path("cold_starts").asLong()).isEqualTo(2);

      JsonNode one = route(Usage.get(superAdmin, PATH + "organization_id=" + other.organizationId() + "&" + range).json(), "GET /api/v1/things");
      assertThat(one.path("requests").asLong()).isEqualTo(100);
      assertThat(one.path("p50_ms").decimalValue()).isEqualByComparingTo("819.2");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void missing_or_bad_times_and_ranges() {
      for (String query : List.of("", "from=2030-01-01T00:00:00Z", "to=2030-01-01T00:00:00Z", "from=2030-01-01&to=2030-01-02",
          "from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "from=2030-01-01T00:00:01Z&to=2030-01-02T00:00:00Z",
          "from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z", "organization_id=1&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z")) {
        ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + query);
        assertThat(r.status()).as(query + " " + r).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("invalid_parameter");
      }
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertThat(Usage.get(null, PATH + Usage.hour(hour)).problem()).isEqualTo("unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin() {
      for (Role role : List.of(Role.USER, Role.BILLING_ADMIN)) {
        assertThat(Usage.get(tenant.token(role), PATH + Usage.hour(hour)).problem()).as(role.code()).isEqualTo("forbidden");
      }
    }

    @Test
    void a_key_without_analytics_read() {
      assertThat(Usage.get(tenant.apiKey("audit:read").secret(), PATH + Usage.hour(hour)).problem()).isEqualTo("insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organization_named_by_an_org_admin() {
      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "organization_id=" + Audit.tenant().organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void another_organization_named_by_a_key() {
      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(), PATH + "organization_id=" + Audit.tenant().organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).isEqualTo(404);
    }
  }
}
