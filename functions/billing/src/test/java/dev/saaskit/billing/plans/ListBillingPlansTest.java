package dev.saaskit.billing.plans;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListBillingPlansTest {

  final Tenant tenant = Billing.tenant();

  @Nested
  class Ok {
    @Test
    void every_plan_with_its_limits_and_prices_per_currency_in_minor_units() {
      ApiResponse r = Api.get("/api/v1/billing/plans").bearer(tenant.token(Role.BILLING_ADMIN)).send();

      assertThat(r.status()).isEqualTo(200);
      JsonNode plans = r.json().path("data");
      assertThat(plans).extracting(p -> p.path("code").asString()).contains("free", "pro", "enterprise");
      JsonNode pro = plans.valueStream().filter(p -> p.path("code").asString().equals("pro")).findFirst().orElseThrow();
      assertThat(pro.path("limits").path("members").asLong()).isEqualTo(50);
      assertThat(pro.path("prices")).extracting(p -> p.path("currency").asString() + " " + p.path("unit_amount").asLong())
          .containsExactlyInAnyOrder("usd 2900", "eur 2700");
      JsonNode free = plans.valueStream().filter(p -> p.path("code").asString().equals("free")).findFirst().orElseThrow();
      assertThat(free.path("prices")).isEmpty();
      JsonNode enterprise = plans.valueStream().filter(p -> p.path("code").asString().equals("enterprise")).findFirst().orElseThrow();
      assertThat(enterprise.path("limits").path("members").isNull()).isTrue();
    }
  }
}
