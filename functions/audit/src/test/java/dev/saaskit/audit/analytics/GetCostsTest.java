package dev.saaskit.audit.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.audit.Audit;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetCostsTest {

  static final String PATH = "/api/v1/analytics/costs?";

  final Tenant tenant = Audit.tenant();
  final String function = Usage.function();
  final String consumer = Usage.function();
  final Instant hour = Usage.recentHour();

  static void invoice(UUID organization, String currency, long amountPaid, Instant createdAt) {
    TestDatabase.get().jdbi().useHandle(h -> h.execute(
        """
        insert into billing_invoices (id, organization_id, stripe_invoice_id, status, currency, amount_due, amount_paid, created_at)
        values (gen_random_uuid(), ?, 'in_' || gen_random_uuid(), 'paid', ?, ?, ?, ?)
        """, organization, currency, amountPaid, amountPaid, createdAt));
  }

  /**
   * 4,000 HTTP requests billed 100 ms each at 1024 MB, and 1,000 queue-triggered invocations billed
   * 256 ms at 512 MB, in one hour; one paid invoice of $12.00 in it (and one before it, one of
   * another organization).
   */
  void knownWork(UUID organization) {
    Usage.records(organization, function, "http", "POST /api/v1/things", 2, 4000, "99.5", 100, 1024, 0, hour.plusSeconds(60));
    Usage.records(organization, consumer, "sqs", null, 2, 1000, "255.1", 256, 512, 0, hour.plusSeconds(120));
    Usage.rollUp();
    invoice(organization, "usd", 1200, hour.plusSeconds(300));
    invoice(organization, "usd", 5000, hour.minusSeconds(1));
  }

  JsonNode route(JsonNode body, String name) {
    for (JsonNode r : body.path("routes")) {
      if (r.path("function").asString().equals(name)) {
        return r;
      }
    }
    throw new AssertionError(name + " not in " + body);
  }

  static Map<String, JsonNode> lines(JsonNode lines) {
    Map<String, JsonNode> byItem = new java.util.LinkedHashMap<>();
    lines.forEach(l -> byItem.put(l.path("item").asString(), l));
    return byItem;
  }

  @Nested
  class Ok {
    @Test
    void every_line_is_its_quantity_times_its_price_and_the_margin_is_the_charges_less_the_cost() {
      knownWork(tenant.organizationId());
      Usage.records(Audit.tenant().organizationId(), function, "http", "POST /api/v1/things", 2, 10, "1", 1, 10240, 0, hour.plusSeconds(60));

      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + Usage.hour(hour));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode body = r.json();
      // HTTP: 4000 x 100 ms x 1024 MB = 409,600,000 MB-ms / 1,024,000 = 400 GB-s
      //   compute  400 x 0.0000166667         = 0.00666668
      //   requests 4000 x 0.20 / 1,000,000    = 0.0008
      //   API GW   4000 x 1.00 / 1,000,000    = 0.004
      //   route                               = 0.01146668
      JsonNode http = route(body, function);
      assertThat(http.path("requests").asLong()).isEqualTo(4000);
      assertThat(http.path("gb_seconds").asString()).isEqualTo("400");
      Map<String, JsonNode> httpLines = lines(http.path("lines"));
      assertThat(httpLines.keySet()).containsExactly("lambda_compute", "lambda_requests", "api_gateway_requests");
      assertThat(httpLines.get("lambda_compute").path("quantity").asString()).isEqualTo("400");
      assertThat(httpLines.get("lambda_compute").path("price_usd").asString()).isEqualTo("0.0000166667");
      assertThat(httpLines.get("lambda_compute").path("usd").asString()).isEqualTo("0.0066666800");
      assertThat(httpLines.get("lambda_requests").path("usd").asString()).isEqualTo("0.0008000000");
      assertThat(httpLines.get("api_gateway_requests").path("quantity").asString()).isEqualTo("4000");
      assertThat(httpLines.get("api_gateway_requests").path("usd").asString()).isEqualTo("0.0040000000");
      assertThat(http.path("usd").asString()).isEqualTo("0.0114666800");
      // SQS: 1000 x 256 ms x 512 MB = 131,072,000 MB-ms / 1,024,000 = 128 GB-s
      //   compute  128 x 0.0000166667         = 0.0021333376
      //   requests 1000 x 0.20 / 1,000,000    = 0.0002
      //   SQS      3000 x 0.40 / 1,000,000    = 0.0012   (send, receive, delete per invocation)
      //   route                               = 0.0035333376
      JsonNode sqs = route(body, consumer);
      assertThat(sqs.path("route").isNull()).isTrue();
      Map<String, JsonNode> sqsLines = lines(sqs.path("lines"));
      assertThat(sqsLines.keySet()).containsExactly("lambda_compute", "lambda_requests", "sqs_requests");
      assertThat(sqsLines.get("lambda_compute").path("usd").asString()).isEqualTo("0.0021333376");
      assertThat(sqsLines.get("sqs_requests").path("quantity").asString()).isEqualTo("3000");
      assertThat(sqsLines.get("sqs_requests").path("usd").asString()).isEqualTo("0.0012000000");
      assertThat(sqs.path("usd").asString()).isEqualTo("0.0035333376");
      // Total 0.01146668 + 0.0035333376 = 0.0150000176; charged $12.00; margin 11.9849999824.
      assertThat(body.path("total_usd").asString()).isEqualTo("0.0150000176");
      Map<String, JsonNode> totals = lines(body.path("totals"));
      assertThat(totals.get("lambda_compute").path("quantity").asString()).isEqualTo("528");
      assertThat(totals.get("lambda_requests").path("quantity").asString()).isEqualTo("5000");
      assertThat(totals.get("lambda_requests").path("usd").asString()).isEqualTo("0.0010000000");
      assertThat(body.path("stripe").path("charged_usd").asString()).isEqualTo("12.00");
      assertThat(body.path("stripe").path("charges").get(0).path("invoices").asLong()).isEqualTo(1);
      assertThat(body.path("margin_usd").asString()).isEqualTo("11.9849999824");
      JsonNode compute = lines(body.path("prices")).get("lambda_compute");
      assertThat(compute.path("usd").asString()).isEqualTo("0.0000166667");
      assertThat(compute.path("setting").asString()).isEqualTo("ANALYTICS_LAMBDA_GB_SECOND_USD");
      assertThat(compute.path("source").asString()).contains("https://aws.amazon.com/lambda/pricing/", "us-east-1", "2026-12-01");
      assertThat(body.path("prices")).hasSize(4);
    }

    @Test
    void a_price_the_operator_sets_is_used_and_named_as_theirs() {
      knownWork(tenant.organizationId());

      JsonNode body = Lambda.withSettings(Map.of("ANALYTICS_LAMBDA_GB_SECOND_USD", "0.00002"),
          () -> Usage.get(tenant.token(Role.ORG_ADMIN), PATH + Usage.hour(hour)).json());

      // 400 GB-s x 0.00002 = 0.008
      assertThat(lines(route(body, function).path("lines")).get("lambda_compute").path("usd").asString()).isEqualTo("0.0080000000");
      assertThat(lines(body.path("prices")).get("lambda_compute").path("source").asString()).startsWith("set by the operator");
    }

    @Test
    void a_super_admin_without_a_filter_sees_every_organization_and_with_one_only_it() {
      Tenant other = Audit.tenant();
      knownWork(tenant.organizationId());
      Usage.records(other.organizationId(), function, "http", "POST /api/v1/things", 2, 1000, "99.5", 100, 1024, 0, hour.plusSeconds(60));
      Usage.rollUp();
      String superAdmin = Audit.superAdmin(Audit.tenant());

      JsonNode all = Usage.get(superAdmin, PATH + Usage.hour(hour)).json();
      assertThat(route(all, function).path("requests").asLong()).isEqualTo(5000);
      JsonNode one = Usage.get(superAdmin, PATH + "organization_id=" + other.organizationId() + "&" + Usage.hour(hour)).json();
      assertThat(route(one, function).path("requests").asLong()).isEqualTo(1000);
      assertThat(one.path("routes")).hasSize(1);
      assertThat(one.path("stripe").path("charged_usd").asString()).isEqualTo("0.00");
    }

    @Test
    void an_analytics_read_key_reads_its_own_organizations_costs_and_charges() {
      knownWork(tenant.organizationId());
      Usage.records(Audit.tenant().organizationId(), function, "http", "POST /api/v1/things", 2, 1000, "99.5", 100, 1024, 0, hour.plusSeconds(60));
      Usage.rollUp();

      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(), PATH + Usage.hour(hour));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(route(r.json(), function).path("requests").asLong()).as("another organization's 1,000 are not counted").isEqualTo(4000);
      assertThat(r.json().path("stripe").path("charged_usd").asString()).isEqualTo("12.00");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void missing_or_bad_times_and_ranges() {
      for (String query : List.of("", "from=2030-01-01T00:00:00Z", "from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z",
          "from=2030-01-01T00:15:00Z&to=2030-01-02T00:00:00Z", "from=2029-01-01T00:00:00Z&to=2030-01-03T00:00:00Z")) {
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
      assertThat(Usage.get(null, PATH + Usage.hour(hour)).status()).isEqualTo(401);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void members_below_org_admin_billing_admins_too() {
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
    void another_organizations_costs_and_charges() {
      Tenant other = Audit.tenant();
      knownWork(other.organizationId());
      ApiResponse r = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + "organization_id=" + other.organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).isEqualTo(404);
      JsonNode mine = Usage.get(tenant.token(Role.ORG_ADMIN), PATH + Usage.hour(hour)).json();
      assertThat(mine.path("routes")).isEmpty();
      assertThat(mine.path("stripe").path("charges")).isEmpty();
    }

    @Test
    void another_organization_named_by_a_key() {
      ApiResponse r = Usage.get(tenant.apiKey("analytics:read").secret(), PATH + "organization_id=" + Audit.tenant().organizationId() + "&" + Usage.hour(hour));
      assertThat(r.status()).isEqualTo(404);
    }
  }
}
