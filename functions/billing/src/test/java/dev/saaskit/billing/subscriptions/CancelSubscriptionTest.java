package dev.saaskit.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CancelSubscriptionTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse cancel(Object id, Object body) {
    return Api.post("/api/v1/billing/subscriptions/" + id + "/cancel").bearer(tenant.token(Role.BILLING_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void at_the_period_end_keeps_the_plan_until_stripe_ends_it_then_the_organization_is_free() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      Billing.applyEvents();

      ApiResponse r = cancel(Billing.id(subscription), Map.of("reason", "moving to another tool"));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("cancel_at_period_end").asBoolean()).isTrue();
      assertThat(r.json().path("status").asString()).isEqualTo("active");
      assertThat(r.json().path("entitled_plan").asString()).isEqualTo("pro");
      assertThat(r.json().path("cancellation_reason").asString()).isEqualTo("moving to another tool");
      assertThat(TestStripe.get().subscription(Billing.stripeId(subscription)).path("cancellation_details").path("comment").asString())
          .isEqualTo("moving to another tool");

      TestStripe.get().advance(Duration.ofDays(31));
      Billing.applyEvents();

      ApiResponse after = Api.get("/api/v1/billing/subscriptions/" + Billing.id(subscription)).bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(after.json().path("status").asString()).isEqualTo("canceled");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString() + "@" + m.path("version").asLong())
          .containsExactly("pro@1", "free@2");
      assertThat(Billing.rows("select action from audit_logs where organization_id = ? and resource_type = 'subscription' order by id",
          tenant.organizationId())).extracting(a -> a.get("action")).containsExactly("subscription.created", "subscription.cancel_scheduled");
    }

    @Test
    void now_ends_it_and_the_plan_at_once_and_asking_again_for_the_period_end_changes_nothing() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");

      ApiResponse r = cancel(Billing.id(subscription), Map.of("at_period_end", false));

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("canceled");
      assertThat(r.json().path("ended_at").asString()).isNotBlank();
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString()).containsExactly("pro", "free");
    }

    @Test
    void a_scheduled_cancellation_asked_for_again_is_answered_as_it_is() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      cancel(Billing.id(subscription), Map.of());
      int calls = TestStripe.get().requests().size();

      ApiResponse again = cancel(Billing.id(subscription), Map.of());

      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("cancel_at_period_end").asBoolean()).isTrue();
      assertThat(TestStripe.get().requests()).hasSize(calls);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_reason_too_long_or_an_id_that_is_not_a_uuid() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      assertThat(cancel(Billing.id(subscription), Map.of("reason", "x".repeat(501))).status()).isEqualTo(400);
      assertThat(cancel("sub_123", Map.of()).problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id_or_another_organizations_subscription() {
      Tenant other = Billing.tenant();
      JsonNode theirs = Billing.subscribed(other, "pro");

      assertThat(cancel(UUID.randomUUID(), Map.of()).status()).isEqualTo(404);
      assertThat(cancel(Billing.id(theirs), Map.of("at_period_end", false)).status()).isEqualTo(404);
      assertThat(TestStripe.get().subscription(Billing.stripeId(theirs)).path("status").asString()).isEqualTo("active");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_canceled_subscription() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      cancel(Billing.id(subscription), Map.of("at_period_end", false));

      ApiResponse r = cancel(Billing.id(subscription), Map.of("at_period_end", false));

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("subscription_ended");
    }
  }
}
