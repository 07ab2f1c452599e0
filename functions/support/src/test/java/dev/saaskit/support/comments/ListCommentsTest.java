package dev.saaskit.support.comments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.support.Support;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ListCommentsTest {

  final Tenant tenant = Support.tenant();
  final UUID ticket = Support.ticket(tenant, Role.USER);

  static ApiResponse list(String token, UUID ticket, String query) {
    return Api.get("/api/v1/support/tickets/" + ticket + "/comments" + query).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void the_thread_oldest_first_in_pages() {
      Support.comment(tenant.token(Role.USER), ticket, Map.of("body", "two"));
      Support.comment(tenant.token(Role.USER), ticket, Map.of("body", "three"));

      ApiResponse first = list(tenant.token(Role.USER), ticket, "?limit=2");
      ApiResponse second = list(tenant.token(Role.USER), ticket, "?limit=2&cursor=" + first.json().path("next_cursor").asString());

      assertThat(first.json().path("data").findValuesAsString("body")).containsExactly("It started this morning.", "two");
      assertThat(second.json().path("data").findValuesAsString("body")).containsExactly("three");
      assertThat(second.json().path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_ticket_the_caller_does_not_reach() {
      assertThat(list(tenant.token(Role.BILLING_ADMIN), ticket, "").status()).isEqualTo(404);
      assertThat(list(Support.tenant().token(Role.ORG_ADMIN), ticket, "").status()).isEqualTo(404);
    }
  }
}
