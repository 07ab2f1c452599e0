package dev.saaskit.billing.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.TestApiKey;
import dev.saaskit.testkit.Tenant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SyncUsageTest {

  static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  final Tenant tenant = Billing.tenant();
  final TestApiKey key = tenant.apiKey("keys:read");

  @AfterEach
  void responsesAsUsual() {
    TestStripe.get().loseMeterEventResponses(0);
  }

  void usage(LocalDate day, String route, long successful) {
    Billing.sql(
        """
        insert into api_key_usage (key_id, day, route, organization_id, status_2xx, status_4xx) values (?, ?, ?, ?, ?, 7)
        on conflict (key_id, day, route) do update set status_2xx = excluded.status_2xx
        """, key.id(), day, route, tenant.organizationId(), successful);
  }

  /** A run in a container of its own, as after a crash: no circuit state carried over from an earlier run. */
  static JsonNode sync() {
    return Json.tree(Lambda.invoke(Lambda.coldStart("billing-usage-sync"), Events.scheduled("arn:aws:scheduler:us-east-1:000000000000:schedule/default/billing-usage-sync").toString()));
  }

  /** What Stripe bills the organization: the values of its meter events, one per identifier. */
  long billed() {
    String customer = (String) Billing.value("select stripe_customer_id from billing_customers where organization_id = ?", tenant.organizationId());
    return TestStripe.get().meterEvents().stream()
        .filter(e -> e.path("payload").path("stripe_customer_id").asString().equals(customer))
        .mapToLong(e -> Long.parseLong(e.path("payload").path("value").asString()))
        .sum();
  }

  @Nested
  class Ok {
    @Test
    void successful_requests_of_the_open_days_become_meter_events_with_deterministic_identifiers() {
      Billing.subscribed(tenant, "pro");
      usage(TODAY, "GET /api/v1/keys", 100);
      usage(TODAY, "POST /api/v1/keys/verify", 20);
      usage(TODAY.minusDays(1), "GET /api/v1/keys", 30);

      JsonNode result = sync();

      assertThat(result.path("meter_events_failed").asInt()).isZero();
      assertThat(billed()).isEqualTo(150);
      String customer = (String) Billing.value("select stripe_customer_id from billing_customers where organization_id = ?", tenant.organizationId());
      assertThat(TestStripe.get().meterEvents()).filteredOn(e -> e.path("payload").path("stripe_customer_id").asString().equals(customer))
          .extracting(e -> e.path("identifier").asString() + "=" + e.path("payload").path("value").asString())
          .containsExactlyInAnyOrder("usage-" + tenant.organizationId() + "-" + TODAY + "-1=120",
              "usage-" + tenant.organizationId() + "-" + TODAY.minusDays(1) + "-1=30");
      assertThat(TestStripe.get().meterEvents()).allSatisfy(e -> assertThat(e.path("event_name").asString()).isEqualTo("api_requests"));

      usage(TODAY, "GET /api/v1/keys", 105);
      sync();
      sync();

      assertThat(billed()).isEqualTo(155);
    }

    @Test
    void a_run_that_crashed_after_stripe_took_the_event_sends_it_again_and_it_is_billed_once() {
      Billing.subscribed(tenant, "pro");
      usage(TODAY, "GET /api/v1/keys", 40);
      TestStripe.get().loseMeterEventResponses(3);

      assertThatThrownBy(SyncUsageTest::sync).hasMessageContaining("meter events were not sent");
      assertThat(billed()).isEqualTo(40);
      assertThat(Billing.value("select count(*) from billing_usage_reports where organization_id = ? and sent_at is null", tenant.organizationId()))
          .isEqualTo(1L);

      sync();

      assertThat(billed()).isEqualTo(40);
      assertThat(Billing.value("select count(*) from billing_usage_reports where organization_id = ? and sent_at is null", tenant.organizationId()))
          .isEqualTo(0L);
      assertThat(TestStripe.get().requests()).filteredOn(r -> r.equals("POST /v1/billing/meter_events")).hasSizeGreaterThanOrEqualTo(4);
    }
  }

  @Nested
  class NotBilled {
    @Test
    void days_past_the_grace_period_and_organizations_without_a_live_subscription() {
      Billing.subscribed(tenant, "pro");
      usage(TODAY.minusDays(3), "GET /api/v1/keys", 500);
      Tenant unsubscribed = Billing.tenant();
      TestApiKey theirs = unsubscribed.apiKey("keys:read");
      Billing.sql("insert into api_key_usage (key_id, day, route, organization_id, status_2xx) values (?, ?, 'GET /api/v1/keys', ?, 9)",
          theirs.id(), TODAY, unsubscribed.organizationId());

      sync();

      assertThat(billed()).isZero();
      assertThat(Billing.value("select count(*) from billing_usage_reports where organization_id = ?", unsubscribed.organizationId())).isEqualTo(0L);
    }
  }

}
