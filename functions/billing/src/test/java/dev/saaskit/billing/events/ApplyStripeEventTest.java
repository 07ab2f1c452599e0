package dev.saaskit.billing.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.net.Webhook;
import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApplyStripeEventTest {

  final Tenant tenant = Billing.tenant();

  @AfterEach
  void stripeAsUsual() {
    TestStripe.get().failPayments(false);
    TestStripe.get().delivery(false, false);
    TestStripe.get().eventApiVersion(dev.saaskit.stripe.standin.StripeStandIn.API_VERSION);
  }

  /** Checkout paid at Stripe: billing hears of the subscription only through the webhooks. */
  String checkoutPaid() {
    ApiResponse session = Api.post("/api/v1/billing/checkout-sessions").bearer(tenant.token(Role.ORG_ADMIN))
        .json(Map.of("plan", "pro", "currency", "usd", "success_url", "https://app.example.com/ok", "cancel_url", "https://app.example.com/no"))
        .send();
    assertThat(session.status()).as(session.toString()).isEqualTo(201);
    TestStripe.get().completeCheckout(session.json().path("id").asString());
    TestStripe.get().awaitDeliveries();
    return TestStripe.get().events().getLast().path("data").path("object").path("subscription").asString();
  }

  JsonNode subscription() {
    JsonNode list = Api.get("/api/v1/billing/subscriptions").bearer(tenant.token(Role.ORG_ADMIN)).send().json().path("data");
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  @Nested
  class AnyOrderEndsInStripesState {
    @Test
    void a_subscription_created_then_canceled_in_the_dashboard_delivered_last_first_and_twice_stays_canceled() {
      List<Billing.Held> held = Billing.holdingWebhooks(() -> TestStripe.get().cancelFromDashboard(checkoutPaid()));
      assertThat(held).extracting(Billing.Held::type).contains("customer.subscription.created", "customer.subscription.deleted");

      List<Billing.Held> reversed = new ArrayList<>(held);
      Collections.reverse(reversed);
      for (Billing.Held h : reversed) {
        assertThat(h.deliver().status()).isEqualTo(200);
        assertThat(h.deliver().json().path("duplicate").asBoolean()).isTrue();
        Billing.applyEvents();
      }

      assertThat(subscription().path("status").asString()).isEqualTo("canceled");
      assertThat(Billing.planChanges(tenant)).isEmpty();
    }

    @Test
    void the_stand_ins_own_duplicates_and_reordering_end_with_the_plan_back_to_free_at_the_period_end() {
      TestStripe.get().delivery(true, true);
      checkoutPaid();
      Billing.applyEvents();
      assertThat(subscription().path("entitled_plan").asString()).isEqualTo("pro");

      Api.post("/api/v1/billing/subscriptions/" + subscription().path("id").asString() + "/cancel")
          .bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of()).send();
      TestStripe.get().advance(Duration.ofDays(31));
      Billing.applyEvents();

      assertThat(subscription().path("status").asString()).isEqualTo("canceled");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString() + "@" + m.path("version").asLong())
          .containsExactly("pro@1", "free@2");
    }
  }

  @Nested
  class EventsBeforeTheCustomersRowCommitted {
    @Test
    void find_the_organization_in_the_customers_metadata() {
      List<Billing.Held> held = Billing.holdingWebhooks(() -> Billing.subscribed(tenant, "pro"));
      String customer = (String) Billing.value("select stripe_customer_id from billing_customers where organization_id = ?", tenant.organizationId());
      // As Stripe's events arriving before the subscribing request's transaction (which made the row) committed.
      Billing.sql("delete from billing_customers where organization_id = ?", tenant.organizationId());
      Billing.sql("delete from billing_subscriptions where organization_id = ?", tenant.organizationId());

      held.forEach(Billing.Held::deliver);
      Billing.applyEvents();

      assertThat(Billing.value("select stripe_customer_id from billing_customers where organization_id = ?", tenant.organizationId())).isEqualTo(customer);
      assertThat(subscription().path("status").asString()).isEqualTo("active");
      assertThat(Billing.value("select count(*) from billing_invoices where organization_id = ?", tenant.organizationId())).isEqualTo(1L);
    }
  }

  @Nested
  class OlderApiVersions {
    @Test
    void are_applied_by_fetching_the_object_although_stripe_java_deserializes_them_to_nothing() throws Exception {
      TestStripe.get().eventApiVersion("2020-08-27");
      List<Billing.Held> held = Billing.holdingWebhooks(ApplyStripeEventTest.this::checkoutPaid);
      Billing.Held created = held.stream().filter(h -> h.type().equals("customer.subscription.created")).findFirst().orElseThrow();
      String payload = new String(created.body(), StandardCharsets.UTF_8);
      assertThat(Webhook.constructEvent(payload, created.signature(), TestStripe.get().webhookSecret())
          .getDataObjectDeserializer().getObject()).isEmpty();

      held.forEach(Billing.Held::deliver);
      Billing.applyEvents();

      assertThat(subscription().path("status").asString()).isEqualTo("active");
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString()).containsExactly("pro");
    }
  }

  @Nested
  class Notifications {
    @Test
    void a_failed_payment_tells_every_admin_once_although_stripe_sent_it_twice() {
      TestStripe.get().delivery(true, false);
      TestStripe.get().failPayments(true);
      Billing.subscribe(tenant, "pro", "usd");
      Billing.applyEvents();

      List<JsonNode> sent = Billing.notifications(tenant);
      assertThat(sent).hasSize(2).allSatisfy(n -> {
        assertThat(n.path("template").asString()).isEqualTo("payment_failed");
        assertThat(n.path("variables").path("amount_due").asLong()).isEqualTo(2900);
        assertThat(n.path("variables").path("currency").asString()).isEqualTo("usd");
        assertThat(n.path("variables").path("hosted_invoice_url").asString()).contains("/invoices/in_");
        assertThat(n.path("variables").path("organization_name").asString()).isNotBlank();
      });
      assertThat(sent).extracting(n -> n.path("to").asString()).allSatisfy(to -> assertThat(to).matches("(org_admin|billing_admin)-.*"));
    }

    @Test
    void a_trial_about_to_end_tells_the_admins() {
      Api.post("/api/v1/billing/subscriptions").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("plan", "pro", "currency", "usd", "trial_days", 5)).send();

      TestStripe.get().advance(Duration.ofDays(3));
      Billing.applyEvents();

      assertThat(Billing.notifications(tenant)).hasSize(2).allSatisfy(n -> {
        assertThat(n.path("template").asString()).isEqualTo("trial_ending");
        assertThat(n.path("variables").path("plan").asString()).isEqualTo("pro");
        assertThat(n.path("variables").path("trial_end").asString()).isNotBlank();
      });
    }
  }
}
