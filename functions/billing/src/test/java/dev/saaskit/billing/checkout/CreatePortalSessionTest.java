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

class CreatePortalSessionTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse portal(Object body) {
    return Api.post("/api/v1/billing/portal-sessions").bearer(tenant.token(Role.BILLING_ADMIN)).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void a_link_to_the_customer_portal() {
      Billing.subscribed(tenant, "pro");
      ApiResponse r = portal(Map.of("return_url", "https://app.example.com/billing"));
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("url").asString()).startsWith(TestStripe.get().apiBase() + "/portal/bps_");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void no_return_url() {
      assertThat(portal(Map.of()).status()).isEqualTo(400);
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_organization_never_subscribed() {
      ApiResponse r = portal(Map.of("return_url", "https://app.example.com/billing"));
      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("no_billing_account");
    }
  }
}
