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

class RemoveWorkspaceMemberTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Support");

  ApiResponse remove(UUID user) {
    return Api.delete("/api/v1/workspaces/" + workspace + "/members/" + user).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void takes_the_member_out_of_the_workspace_only() {
      UUID user = tenant.member(Role.USER);
      Fixtures.workspaceMember(tenant, workspace, user, "contributor");

      ApiResponse r = remove(user);

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(Fixtures.count("select count(*) from workspace_members where workspace_id = ?", workspace)).isZero();
      assertThat(Fixtures.role(tenant, user)).isEqualTo("user");
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace_member.removed")).hasSize(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void someone_who_is_not_in_the_workspace() {
      assertProblem(remove(tenant.member(Role.USER)), 404, "not_found");
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace_member.removed")).isEmpty();
    }
  }
}
