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

class DeleteWorkspaceTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Short-lived");

  ApiResponse delete(String token) {
    return Api.delete("/api/v1/workspaces/" + workspace).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void deletes_it_with_its_memberships_and_audits() {
      Fixtures.workspaceMember(tenant, workspace, tenant.member(Role.USER), "viewer");

      ApiResponse r = delete(tenant.token(Role.ORG_ADMIN));

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(Fixtures.count("select count(*) from workspaces where id = ?", workspace)).isZero();
      assertThat(Fixtures.count("select count(*) from workspace_members where workspace_id = ?", workspace)).isZero();
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace.deleted")).hasSize(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_deleted_workspace() {
      delete(tenant.token(Role.ORG_ADMIN));
      assertProblem(delete(tenant.token(Role.ORG_ADMIN)), 404, "not_found");
    }

    @Test
    void another_organizations_workspace() {
      assertProblem(delete(Tenant.create().token(Role.ORG_ADMIN)), 404, "not_found");
      assertThat(Fixtures.count("select count(*) from workspaces where id = ?", workspace)).isEqualTo(1);
    }
  }
}
