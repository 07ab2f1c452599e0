package dev.saaskit.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateSubscriptionTest {

  final Tenant tenant = Billing.tenant();

  @AfterEach
  void paymentsSucceedAgain() {
    TestStripe.get().failPayments(false);
  }

  @Nested
  class Ok {
    @Test
    void subscribes_with_a_new_customer_and_the_organization_becomes_pro() {
      ApiResponse r = Billing.subscribe(tenant, "pro", "usd");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode subscription = r.json().path("subscription");
      assertThat(subscription.path("plan").asString()).isEqualTo("pro");
      assertThat(subscription.path("status").asString()).isEqualTo("active");
      assertThat(subscription.path("entitled_plan").asString()).isEqualTo("pro");
      assertThat(subscription.path("currency").asString()).isEqualTo("usd");
      assertThat(subscription.path("unit_amount").asLong()).isEqualTo(2900);
      assertThat(r.json().path("client_secret").isNull()).isTrue();
      assertThat(r.header("location")).isEqualTo("/api/v1/billing/subscriptions/" + subscription.path("id").asString());
      JsonNode atStripe = TestStripe.get().subscription(Billing.stripeId(subscription));
      assertThat(atStripe.path("metadata").path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(Billing.planChanges(tenant)).singleElement().satisfies(m -> {
        assertThat(m.path("plan").asString()).isEqualTo("pro");
        assertThat(m.path("version").asLong()).isEqualTo(1);
      });
      assertThat(Billing.rows("select action from audit_logs where organization_id = ? order by id", tenant.organizationId()))
          .extracting(a -> a.get("action")).containsExactly("billing_customer.created", "subscription.created");
    }

    @Test
    void a_kept_price_id_that_stripe_does_not_know_is_found_again_by_its_lookup_key() {
      // Another Stripe account (test to live mode, the emulator's stand-in after a restart) knows none of the kept ids.
      Billing.sql("update billing_prices set stripe_price_id = 'price_of_another_account' where plan = 'pro' and currency = 'eur'");

      ApiResponse r = Billing.subscribe(tenant, "pro", "eur");

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(Billing.value("select stripe_price_id from billing_prices where plan = 'pro' and currency = 'eur'"))
          .isNotEqualTo("price_of_another_account")
          .isEqualTo(TestStripe.get().subscription(Billing.stripeId(r.json().path("subscription"))).path("items").path("data").get(0).path("price").path("id").asString());
    }

    @Test
    void the_webhooks_that_follow_change_nothing_more() {
      Billing.subscribed(tenant, "pro");

      Billing.applyEvents();

      assertThat(Billing.planChanges(tenant)).hasSize(1);
      assertThat(Billing.value("select count(*) from billing_invoices where organization_id = ?", tenant.organizationId())).isEqualTo(1L);
      assertThat(Billing.value("select status from billing_payments where organization_id = ?", tenant.organizationId())).isEqualTo("paid");
    }

    @Test
    void a_payment_that_fails_leaves_it_incomplete_with_the_client_secret_and_the_plan_free() {
      TestStripe.get().failPayments(true);

      ApiResponse r = Billing.subscribe(tenant, "pro", "eur");

      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("subscription").path("status").asString()).isEqualTo("incomplete");
      assertThat(r.json().path("subscription").path("entitled_plan").asString()).isEqualTo("free");
      assertThat(r.json().path("client_secret").asString()).startsWith("pi_");
      assertThat(Billing.planChanges(tenant)).isEmpty();
    }

    @Test
    void a_billing_admin_may_subscribe_and_the_customer_is_made_once() {
      ApiResponse first = Api.post("/api/v1/billing/subscriptions").bearer(tenant.token(Role.BILLING_ADMIN))
          .json(Map.of("plan", "pro", "currency", "usd", "trial_days", 14)).send();

      assertThat(first.status()).as(first.toString()).isEqualTo(201);
      assertThat(first.json().path("subscription").path("status").asString()).isEqualTo("trialing");
      assertThat(first.json().path("subscription").path("trial_end").asString()).isNotBlank();
      assertThat(Billing.value("select count(*) from billing_customers where organization_id = ?", tenant.organizationId())).isEqualTo(1L);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_plan_not_sold_in_the_currency() {
      ApiResponse r = Billing.subscribe(tenant, "pro", "jpy");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("plan");
    }

    @Test
    void the_free_plan_a_bad_currency_and_a_trial_of_no_days() {
      assertThat(Billing.subscribe(tenant, "free", "usd").status()).isEqualTo(400);
      ApiResponse r = Api.post("/api/v1/billing/subscriptions").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("plan", "pro", "currency", "dollars", "trial_days", 0)).send();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors")).extracting(e -> e.path("field").asString()).containsExactlyInAnyOrder("currency", "trial_days");
      assertThat(Billing.value("select count(*) from billing_customers where organization_id = ?", tenant.organizationId())).isEqualTo(0L);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_second_subscription_while_one_is_live() {
      Billing.subscribed(tenant, "pro");

      ApiResponse r = Billing.subscribe(tenant, "enterprise", "usd");

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("subscription_exists");
      assertThat(Billing.value("select count(*) from billing_subscriptions where organization_id = ?", tenant.organizationId())).isEqualTo(1L);
    }
  }

  @Nested
  class BadGateway {
    @Test
    void a_customer_stripe_no_longer_knows_answers_502_and_changes_nothing() {
      // A customer deleted at Stripe, or one the emulator's stand-in forgot when it restarted.
      Billing.sql("insert into billing_customers (organization_id, stripe_customer_id) values (?, 'cus_unknown_to_stripe')",
          tenant.organizationId());

      ApiResponse r = Billing.subscribe(tenant, "pro", "usd");

      assertThat(r.status()).as(r.toString()).isEqualTo(502);
      assertThat(r.header("content-type")).isEqualTo("application/problem+json");
      assertThat(r.json().path("type").asString()).isEqualTo("/problems/dependency_refused");
      assertThat(r.json().path("detail").asString()).isEqualTo("stripe refused the request; quote the request id when reporting it");
      assertThat(r.body()).doesNotContain("cus_unknown_to_stripe");
      assertThat(Billing.value("select count(*) from billing_subscriptions where organization_id = ?", tenant.organizationId())).isEqualTo(0L);
    }
  }
}
