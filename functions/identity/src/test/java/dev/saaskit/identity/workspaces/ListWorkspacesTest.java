package dev.saaskit.identity.workspaces;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListWorkspacesTest {

  final Tenant tenant = Tenant.create();

  ApiResponse list(String token, String query) {
    return Api.get("/api/v1/organizations/" + tenant.organizationId() + "/workspaces" + query).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void the_organizations_workspaces_a_page_at_a_time() {
      UUID first = Fixtures.workspace(tenant, "First");
      UUID second = Fixtures.workspace(tenant, "Second");
      Fixtures.workspace(Tenant.create(), "Someone else's");

      JsonNode page = list(tenant.token(Role.USER), "?limit=1").json();
      JsonNode rest = list(tenant.token(Role.USER), "?limit=1&cursor=" + page.path("next_cursor").asString()).json();

      assertThat(Fixtures.ids(page)).containsExactly(first.toString());
      assertThat(Fixtures.ids(rest)).containsExactly(second.toString());
      assertThat(rest.path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_workspaces() {
      assertProblem(list(Tenant.create().token(Role.USER), ""), 404, "not_found");
    }
  }
}
