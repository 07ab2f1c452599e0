package dev.saaskit.identity.workspaces;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AddWorkspaceMemberTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Product");

  ApiResponse add(Object body) {
    return Api.post("/api/v1/workspaces/" + workspace + "/members").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  String workspaceRole(UUID user) {
    return Fixtures.db().withHandle(h -> h.createQuery("select role from workspace_members where workspace_id = ? and user_id = ?")
        .bind(0, workspace).bind(1, user).mapTo(String.class).findOne().orElse(null));
  }

  @Nested
  class Ok {
    @Test
    void adds_an_organization_member_with_a_role() {
      UUID user = tenant.member(Role.USER);

      ApiResponse r = add(Map.of("user_id", user, "role", "contributor"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("user_id").asString()).isEqualTo(user.toString());
      assertThat(r.json().path("role").asString()).isEqualTo("contributor");
      assertThat(r.json().path("email").asString()).isEqualTo(Fixtures.email(tenant, Role.USER));
      assertThat(workspaceRole(user)).isEqualTo("contributor");
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace_member.added")).hasSize(1);
    }

    @Test
    void sets_the_role_of_someone_already_in_it() {
      UUID user = tenant.member(Role.USER);
      add(Map.of("user_id", user, "role", "viewer"));

      ApiResponse r = add(Map.of("user_id", user, "role", "admin"));

      assertThat(r.status()).isEqualTo(200);
      assertThat(workspaceRole(user)).isEqualTo("admin");
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace_member.role_changed")).hasSize(1);

      assertThat(add(Map.of("user_id", user, "role", "admin")).status()).isEqualTo(200);
      assertThat(Fixtures.audit(tenant.organizationId(), "workspace_member.role_changed")).hasSize(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_user_of_another_organization() {
      UUID stranger = Tenant.create().member(Role.USER);

      assertProblem(add(Map.of("user_id", stranger, "role", "viewer")), 404, "not_found");

      assertThat(workspaceRole(stranger)).isNull();
    }

    @Test
    void a_workspace_of_another_organization_with_one_of_its_members() {
      Tenant other = Tenant.create();
      ApiResponse r = Api.post("/api/v1/workspaces/" + workspace + "/members").bearer(other.token(Role.ORG_ADMIN))
          .json(Map.of("user_id", other.member(Role.USER), "role", "viewer")).send();

      assertProblem(r, 404, "not_found");
      assertThat(workspaceRole(other.member(Role.USER))).isNull();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_missing_user_or_an_unknown_role() {
      assertProblem(add(Map.of("role", "viewer")), 400, "validation_failed");
      assertProblem(add(Map.of("user_id", tenant.member(Role.USER), "role", "owner")), 400, "validation_failed");
      assertProblem(add(Map.of("user_id", "not-a-uuid", "role", "viewer")), 400, "validation_failed");
      assertThat(workspaceRole(tenant.member(Role.USER))).isNull();
    }
  }
}
