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

class ListWorkspaceMembersTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Ops");

  @Nested
  class Ok {
    @Test
    void the_members_with_their_workspace_roles() {
      Fixtures.workspaceMember(tenant, workspace, tenant.member(Role.USER), "viewer");
      Fixtures.workspaceMember(tenant, workspace, tenant.member(Role.BILLING_ADMIN), "admin");

      ApiResponse r = Api.get("/api/v1/workspaces/" + workspace + "/members?limit=1").bearer(tenant.token(Role.ORG_ADMIN)).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("data")).hasSize(1);
      String second = Api.get("/api/v1/workspaces/" + workspace + "/members?cursor=" + r.json().path("next_cursor").asString())
          .bearer(tenant.token(Role.ORG_ADMIN)).send().json().path("data").get(0).path("role").asString();
      assertThat(java.util.List.of(r.json().path("data").get(0).path("role").asString(), second)).containsExactlyInAnyOrder("viewer", "admin");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_workspace() {
      assertProblem(Api.get("/api/v1/workspaces/" + workspace + "/members").bearer(Tenant.create().token(Role.ORG_ADMIN)).send(), 404, "not_found");
    }
  }
}
