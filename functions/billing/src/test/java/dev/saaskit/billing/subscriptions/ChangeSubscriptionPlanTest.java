package dev.saaskit.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ChangeSubscriptionPlanTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse change(Object id, Object body) {
    return Api.post("/api/v1/billing/subscriptions/" + id + "/change-plan").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void upgrades_with_the_proration_invoiced_now_and_the_plan_follows() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");

      ApiResponse r = change(Billing.id(subscription), Map.of("plan", "enterprise", "proration", "always_invoice"));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("plan").asString()).isEqualTo("enterprise");
      assertThat(r.json().path("unit_amount").asLong()).isEqualTo(49900);
      assertThat(TestStripe.get().subscription(Billing.stripeId(subscription)).path("items").path("data").get(0).path("price")
          .path("lookup_key").asString()).isEqualTo("saaskit_enterprise_usd_month");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString()).containsExactly("pro", "enterprise");
      Billing.applyEvents();
      assertThat(Billing.rows("select amount_due from billing_invoices where organization_id = ? order by created_at, id", tenant.organizationId()))
          .extracting(i -> (Long) i.get("amount_due")).hasSize(2).element(1).satisfies(prorated -> assertThat(prorated).isBetween(40000L, 47000L));
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_proration_or_a_plan_not_sold_in_the_currency() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      assertThat(change(Billing.id(subscription), Map.of("plan", "enterprise", "proration", "sometimes")).status()).isEqualTo(400);
      assertThat(change(Billing.id(subscription), Map.of("plan", "free")).status()).isEqualTo(400);
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_subscription_stays_as_it_was() {
      Tenant other = Billing.tenant();
      JsonNode theirs = Billing.subscribed(other, "pro");

      assertThat(change(Billing.id(theirs), Map.of("plan", "enterprise")).status()).isEqualTo(404);
      assertThat(change(UUID.randomUUID(), Map.of("plan", "enterprise")).status()).isEqualTo(404);
      assertThat(TestStripe.get().subscription(Billing.stripeId(theirs)).path("items").path("data").get(0).path("price")
          .path("unit_amount").asLong()).isEqualTo(2900);
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_same_plan_or_an_ended_subscription() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      assertThat(change(Billing.id(subscription), Map.of("plan", "pro")).json().path("code").asString()).isEqualTo("same_plan");

      Api.post("/api/v1/billing/subscriptions/" + Billing.id(subscription) + "/cancel").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("at_period_end", false)).send();
      ApiResponse r = change(Billing.id(subscription), Map.of("plan", "enterprise"));
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("subscription_ended");
    }
  }
}
