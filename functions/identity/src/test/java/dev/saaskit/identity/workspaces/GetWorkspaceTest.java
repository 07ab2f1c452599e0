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

class GetWorkspaceTest {

  final Tenant tenant = Tenant.create();
  final UUID workspace = Fixtures.workspace(tenant, "Research");

  ApiResponse get(String token) {
    return Api.get("/api/v1/workspaces/" + workspace).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void any_member_of_its_organization_reads_it() {
      ApiResponse r = get(tenant.token(Role.USER));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("name").asString()).isEqualTo("Research");
    }
  }

  @Nested
  class NotFound {
    @Test
    void for_another_organization() {
      assertProblem(get(Tenant.create().token(Role.ORG_ADMIN)), 404, "not_found");
    }

    @Test
    void for_a_removed_member_whose_token_has_not_expired() {
      Fixtures.db().useHandle(h -> h.execute("delete from organization_members where user_id = ?", tenant.member(Role.USER)));
      assertProblem(get(tenant.token(Role.USER)), 404, "not_found");
    }

    @Test
    void for_a_suspended_member() {
      Fixtures.suspend(tenant, tenant.member(Role.USER));
      assertProblem(get(tenant.token(Role.USER)), 404, "not_found");
    }

    @Test
    void an_unknown_workspace() {
      assertProblem(Api.get("/api/v1/workspaces/" + UUID.randomUUID()).bearer(tenant.token(Role.USER)).send(), 404, "not_found");
    }
  }
}
