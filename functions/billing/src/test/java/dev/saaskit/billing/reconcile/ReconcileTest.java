package dev.saaskit.billing.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ReconcileTest {

  final Tenant tenant = Billing.tenant();

  static JsonNode reconcile() {
    return Json.tree(Lambda.invoke("billing-reconcile", Events.scheduled("arn:aws:scheduler:us-east-1:000000000000:schedule/default/billing-reconcile").toString()));
  }

  @Nested
  class RepairsDrift {
    @Test
    void a_subscription_whose_status_changed_at_stripe_without_an_event() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      TestStripe.get().plantStatus(Billing.stripeId(subscription), "unpaid");

      JsonNode report = reconcile();

      assertThat(report.path("subscriptions_repaired").toString()).contains(Billing.stripeId(subscription) + ": active -> unpaid");
      ApiResponse after = Api.get("/api/v1/billing/subscriptions/" + Billing.id(subscription)).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(after.json().path("status").asString()).isEqualTo("unpaid");
      assertThat(after.json().path("entitled_plan").asString()).isEqualTo("free");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString()).containsExactly("pro", "free");

      assertThat(reconcile().path("subscriptions_repaired").toString()).doesNotContain(Billing.stripeId(subscription));
    }

    @Test
    void a_subscription_whose_webhooks_never_arrived() {
      Billing.holdingWebhooks(() -> {
        ApiResponse session = Api.post("/api/v1/billing/checkout-sessions").bearer(tenant.token(Role.ORG_ADMIN))
            .json(Map.of("plan", "pro", "currency", "usd", "success_url", "https://a.example/ok", "cancel_url", "https://a.example/no")).send();
        TestStripe.get().completeCheckout(session.json().path("id").asString());
      });

      JsonNode report = reconcile();

      assertThat(report.path("subscriptions_added")).hasSizeGreaterThanOrEqualTo(1);
      // Then retold at once, since identity (not running in these tests) still says free.
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString() + "@" + m.path("version").asLong())
          .containsExactly("pro@1", "pro@2");
    }

    @Test
    void an_organization_whose_plan_at_identity_is_not_the_one_billing_told_it() {
      Billing.subscribed(tenant, "pro");
      Billing.sql("update organizations set plan = 'free' where id = ?", tenant.organizationId());

      JsonNode report = reconcile();

      assertThat(report.path("plans_retold").toString()).contains(tenant.organizationId() + ": free -> pro");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString() + "@" + m.path("version").asLong())
          .containsExactly("pro@1", "pro@2");
    }
  }
}
