package dev.saaskit.billing.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.billing.TestStripe;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreateCheckoutSessionTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse checkout(Object body) {
    return Api.post("/api/v1/billing/checkout-sessions").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  static Map<String, Object> pro() {
    return Map.of("plan", "pro", "currency", "eur", "success_url", "https://app.example.com/billing?done=1",
        "cancel_url", "https://app.example.com/billing");
  }

  @Nested
  class Ok {
    @Test
    void paying_on_the_checkout_page_subscribes_the_organization_through_the_webhook() {
      ApiResponse r = checkout(pro());

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("url").asString()).startsWith(TestStripe.get().apiBase() + "/checkout/");
      assertThat(r.json().path("expires_at").asString()).isNotBlank();

      TestStripe.get().completeCheckout(r.json().path("id").asString());
      Billing.applyEvents();

      ApiResponse list = Api.get("/api/v1/billing/subscriptions").bearer(tenant.token(Role.ORG_ADMIN)).send();
      assertThat(list.json().path("data")).singleElement().satisfies(s -> {
        assertThat(s.path("plan").asString()).isEqualTo("pro");
        assertThat(s.path("currency").asString()).isEqualTo("eur");
        assertThat(s.path("status").asString()).isEqualTo("active");
      });
      assertThat(Billing.planChanges(tenant)).extracting(m -> m.path("plan").asString()).containsExactly("pro");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void return_urls_that_are_not_absolute_http_urls() {
      ApiResponse r = checkout(Map.of("plan", "pro", "currency", "eur", "success_url", "/billing", "cancel_url", "javascript:alert(1)"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors")).extracting(e -> e.path("field").asString()).containsExactlyInAnyOrder("success_url", "cancel_url");
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_organization_already_has_a_live_subscription() {
      Billing.subscribed(tenant, "pro");
      ApiResponse r = checkout(pro());
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("subscription_exists");
    }
  }
}
