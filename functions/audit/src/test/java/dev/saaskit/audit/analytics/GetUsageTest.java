package dev.saaskit.audit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetUsageTest {

  static final String PATH = "/api/v1/analytics/usage?";

  final Tenant tenant = Audit.tenant();
  final String function = Usage.function();
  final Instant hour = Usage.recentHour();

  /** The routes of one period that belong to the test's function. */
  List<JsonNode> mine(JsonNode period) {
    List<JsonNode> routes = new ArrayList<>();
    period.path("routes").forEach(r -> {
      if (r.path("function").asString().equals(function)) {
        routes.add(r);
      }
    });
    return routes;
  }

  @Nested
  class Ok {
    @Test
    void an_org_admin_reads_its_requests_per_hour_route_and_status_class() {
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 2, 5, hour.plusSeconds(10));
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 4, 2, hour.plusSeconds(20));
      Usage.http(tenant.organizationId(), function, "POST /api/v1/things", 5, 1, hour.plusSeconds(30));
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 2, 3, hour.plus(1, ChronoUnit.HOURS));
      Usage.records(tenant.organizationId(), function, "sqs", null, 2, 4, "20", 20, 512, 0, hour.plusSeconds(40));
      Usage.http(Audit.tenant().organizationId(), function, "GET /api/v1/things", 2, 100, hour.plusSeconds(10));
      Usage.rollUp();

      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "granularity=hour&from=" + hour + "&to=" + hour.plus(2, ChronoUnit.HOURS));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(body.path("granularity").asString()).isEqualTo("hour");
      assertThat(body.path("total").path("requests").asLong()).as("another organization's 100 are not counted").isEqualTo(15);
      assertThat(body.path("total").path("status_classes").path("2xx").asLong()).isEqualTo(12);
      assertThat(body.path("periods")).hasSize(2);
      JsonNode first = body.path("periods").get(0);
      assertThat(Instant.parse(first.path("period_start").asString())).isEqualTo(hour);
      assertThat(first.path("counts").path("requests").asLong()).isEqualTo(12);
      List<JsonNode> routes = mine(first);
      assertThat(routes).extracting(n -> n.path("route").isNull() ? null : n.path("route").asString())
          .containsExactly("GET /api/v1/things", "POST /api/v1/things", null);
      assertThat(routes.get(0).path("counts").path("status_classes").path("2xx").asLong()).isEqualTo(5);
      assertThat(routes.get(0).path("counts").path("status_classes").path("4xx").asLong()).isEqualTo(2);
      assertThat(routes.get(0).path("counts").path("requests").asLong()).isEqualTo(7);
      assertThat(routes.get(1).path("counts").path("status_classes").path("5xx").asLong()).isEqualTo(1);
      assertThat(routes.get(2).path("trigger").asString()).isEqualTo("sqs");
      assertThat(routes.get(2).path("counts").path("requests").asLong()).isEqualTo(4);
      assertThat(body.path("periods").get(1).path("counts").path("requests").asLong()).isEqualTo(3);
    }

    @Test
    void by_day_from_the_daily_roll_up() {
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 2, 5, hour.plusSeconds(10));
      Usage.rollUp();
      Instant day = hour.truncatedTo(ChronoUnit.DAYS);

      JsonNode body = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "granularity=day&from=" + day + "&to=" + day.plus(1, ChronoUnit.DAYS)).json();

      assertThat(body.path("periods")).hasSize(1);
      assertThat(Instant.parse(body.path("periods").get(0).path("period_start").asString())).isEqualTo(day);
      assertThat(mine(body.path("periods").get(0))).singleElement()
          .satisfies(n -> assertThat(n.path("counts").path("requests").asLong()).isEqualTo(5));
    }

    @Test
    void a_super_admin_reads_every_organization_or_the_one_it_names() {
      Tenant other = Audit.tenant();
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 2, 5, hour.plusSeconds(10));
      Usage.http(other.organizationId(), function, "GET /api/v1/things", 2, 7, hour.plusSeconds(10));
      Usage.http(null, function, "GET /health", 2, 1, hour.plusSeconds(10));
      Usage.rollUp();
      String superAdmin = Audit.superAdmin(Audit.tenant());

      JsonNode all = Usage.get(superAdmin, PATH + "granularity=hour&" + Usage.hour(hour)).json();
      assertThat(all.path("organization_id").isNull()).isTrue();
      assertThat(mine(all.path("periods").get(0))).extracting(n -> n.path("counts").path("requests").asLong())
          .as("both organizations' requests summed, and those of none").containsExactly(12L, 1L);

      JsonNode one = Usage.get(superAdmin, PATH + "granularity=hour&organization_id=" + other.organizationId() + "&" + Usage.hour(hour)).json();
      assertThat(one.path("total").path("requests").asLong()).isEqualTo(7);
    }

    @Test
    void an_analytics_read_key_reads_its_own_organizations() {
      Usage.http(tenant.organizationId(), function, "GET /api/v1/things", 2, 5, hour.plusSeconds(10));
      Usage.http(Audit.tenant().organizationId(), function, "GET /api/v1/things", 2, 100, hour.plusSeconds(10));
      Usage.rollUp();

      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(), PATH + "granularity=hour&" + Usage.hour(hour));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(r.json().path("total").path("requests").asLong()).isEqualTo(5);
    }

    @Test
    void a_range_without_requests_is_empty() {
      JsonNode body = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "granularity=day&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z").json();
      assertThat(body.path("periods")).isEmpty();
      assertThat(body.path("total").path("requests").asLong()).isZero();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void missing_or_bad_times_ranges_and_granularities() {
      for (String query : List.of("from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z", "granularity=week&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z",
          "granularity=hour&to=2030-01-02T00:00:00Z", "granularity=hour&from=2030-01-01T00:00:00Z", "granularity=hour&from=yesterday&to=2030-01-02T00:00:00Z",
          "granularity=hour&from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "granularity=hour&from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z",
          "granularity=hour&from=2030-01-01T00:30:00Z&to=2030-01-02T00:00:00Z", "granularity=day&from=2030-01-01T03:00:00Z&to=2030-01-02T00:00:00Z",
          "granularity=hour&from=2030-01-01T00:00:00Z&to=2030-02-02T00:00:00Z", "granularity=day&from=2030-01-01T00:00:00Z&to=2031-01-03T00:00:00Z",
          "granularity=hour&organization_id=x&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z")) {
        ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + query);
        assertThat(r.status()).as(query + " " + r).isEqualTo(400);
        assertThat(r.problem()).isEqualTo("invalid_parameter");
        assertThat(r.header("content-type")).startsWith("application/problem+json");
      }
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials_or_with_a_forged_token() {
      assertThat(Usage.get(null, PATH + "granularity=hour&" + Usage.hour(hour)).status()).isEqualTo(401);
      assertThat(Usage.get("not-a-token", PATH + "granularity=hour&" + Usage.hour(hour)).problem()).isEqualTo("unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin() {
      for (Role role : List.of(Role.USER, Role.BILLING_ADMIN)) {
        ApiResponse r = Usage.get(tenant.token(role), PATH + "granularity=hour&" + Usage.hour(hour));
        assertThat(r.status()).as(role.code()).isEqualTo(403);
        assertThat(r.problem()).isEqualTo("forbidden");
      }
    }

    @Test
    void a_key_without_analytics_read() {
      ApiResponse r = Usage.get(tenant.apiKey("audit:read").secret(), PATH + "granularity=hour&" + Usage.hour(hour));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.problem()).isEqualTo("insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organization_named_by_an_org_admin() {
      Tenant other = Audit.tenant();
      Usage.http(other.organizationId(), function, "GET /api/v1/things", 2, 5, hour.plusSeconds(10));
      Usage.rollUp();
      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "granularity=hour&organization_id=" + other.organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.problem()).isEqualTo("not_found");
    }

    @Test
    void another_organization_named_by_a_key() {
      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(),
          PATH + "granularity=hour&organization_id=" + Audit.tenant().organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).as(r.toString()).isEqualTo(404);
      assertThat(r.problem()).isEqualTo("not_found");
    }
  }
}
