package dev.saaskit.billing.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.billing.Billing;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListSubscriptionsTest {

  final Tenant tenant = Billing.tenant();

  ApiResponse list(String query) {
    return Api.get("/api/v1/billing/subscriptions" + query).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void lists_the_organizations_subscriptions_ended_ones_too_in_pages() {
      JsonNode first = Billing.subscribed(tenant, "pro");
      Api.post("/api/v1/billing/subscriptions/" + Billing.id(first) + "/cancel").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("at_period_end", false)).send();
      JsonNode second = Billing.subscribed(tenant, "enterprise");
      Billing.subscribed(Billing.tenant(), "pro");

      ApiResponse page1 = list("?limit=1");
      ApiResponse page2 = list("?limit=1&cursor=" + page1.json().path("next_cursor").asString());

      assertThat(page1.json().path("data")).extracting(s -> s.path("status").asString()).containsExactly("canceled");
      assertThat(page2.json().path("data")).extracting(s -> s.path("id").asString()).containsExactly(second.path("id").asString());
      assertThat(page2.json().path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_limit_out_of_range() {
      assertThat(list("?limit=0").problem()).isEqualTo("invalid_parameter");
    }
  }
}
