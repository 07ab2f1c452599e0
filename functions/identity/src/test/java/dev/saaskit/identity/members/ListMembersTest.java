package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListMembersTest {

  final Tenant tenant = Tenant.create();

  ApiResponse list(String token, String query) {
    return Api.get("/api/v1/organizations/" + tenant.organizationId() + "/members" + query).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void every_member_with_role_email_and_name() {
      ApiResponse r = list(tenant.token(Role.USER), "");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      List<String> roles = new ArrayList<>();
      for (JsonNode m : r.json().path("data")) {
        roles.add(m.path("role").asString());
        assertThat(m.path("email").asString()).endsWith("@example.test");
        assertThat(m.path("full_name").asString()).isNotBlank();
        assertThat(m.path("joined_at").asString()).isNotBlank();
        assertThat(m.path("active").asBoolean()).isTrue();
      }
      assertThat(roles).containsExactlyInAnyOrder("org_admin", "billing_admin", "user");
    }

    @Test
    void a_suspended_member_is_listed_as_inactive_and_lists_nothing_itself() {
      Fixtures.suspend(tenant, tenant.member(Role.BILLING_ADMIN));

      JsonNode page = list(tenant.token(Role.USER), "").json();

      assertThat(page.path("data")).hasSize(3);
      for (JsonNode m : page.path("data")) {
        assertThat(m.path("active").asBoolean()).as(m.toString()).isEqualTo(!m.path("role").asString().equals("billing_admin"));
      }
      assertProblem(list(tenant.token(Role.BILLING_ADMIN), ""), 404, "not_found");
    }

    @Test
    void a_page_at_a_time() {
      JsonNode first = list(tenant.token(Role.USER), "?limit=2").json();
      JsonNode rest = list(tenant.token(Role.USER), "?limit=2&cursor=" + first.path("next_cursor").asString()).json();

      assertThat(Fixtures.ids(first)).hasSize(2);
      assertThat(Fixtures.ids(rest)).hasSize(1).doesNotContainAnyElementsOf(Fixtures.ids(first));
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_members() {
      assertProblem(list(Tenant.create().token(Role.ORG_ADMIN), ""), 404, "not_found");
    }
  }
}
