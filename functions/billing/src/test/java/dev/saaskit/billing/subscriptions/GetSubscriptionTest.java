package dev.saaskit.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetSubscriptionTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse get(Object id) {
    return Api.get("/api/v1/billing/subscriptions/" + id).bearer(tenant.token(Role.BILLING_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void reads_the_subscription_as_it_was_created() {
      JsonNode subscription = Billing.subscribed(tenant, "pro");
      ApiResponse r = get(Billing.id(subscription));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json()).isEqualTo(subscription);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_id_or_another_organizations_subscription() {
      JsonNode theirs = Billing.subscribed(Billing.tenant(), "pro");
      assertThat(get(UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(get(Billing.id(theirs)).status()).isEqualTo(404);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(get("sub_1").problem()).isEqualTo("invalid_parameter");
    }
  }
}
