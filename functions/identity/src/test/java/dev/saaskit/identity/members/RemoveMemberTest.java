package dev.saaskit.identity.members;

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

class RemoveMemberTest {

  final Tenant tenant = Tenant.create();

  ApiResponse remove(UUID user) {
    return Api.delete("/api/v1/organizations/" + tenant.organizationId() + "/members/" + user).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void removes_the_member_from_the_organization_and_its_workspaces() {
      UUID user = tenant.member(Role.USER);
      UUID workspace = Fixtures.workspace(tenant, "Design");
      Fixtures.workspaceMember(tenant, workspace, user, "contributor");

      ApiResponse r = remove(user);

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(Fixtures.role(tenant, user)).isNull();
      assertThat(Fixtures.count("select count(*) from workspace_members where user_id = ?", user)).isZero();
      assertThat(Fixtures.count("select count(*) from users where id = ?", user)).isEqualTo(1);
      assertThat(Fixtures.audit(tenant.organizationId(), "member.removed")).hasSize(1);
    }

    @Test
    void the_members_sessions_in_the_organization_end_and_those_elsewhere_go_on() {
      UUID user = tenant.member(Role.USER);
      Fixtures.session(tenant, user);
      Fixtures.session(tenant, user);
      Tenant elsewhere = Tenant.create();
      Fixtures.memberToken(elsewhere, user, Role.USER);
      UUID colleague = tenant.member(Role.BILLING_ADMIN);
      Fixtures.session(tenant, colleague);

      assertThat(remove(user).status()).isEqualTo(204);

      assertThat(Fixtures.liveSessions(tenant, user)).isZero();
      assertThat(Fixtures.count("select count(*) from sessions where user_id = ? and revoked_reason = 'removed_from_organization'", user))
          .isEqualTo(2);
      assertThat(Fixtures.liveSessions(elsewhere, user)).isEqualTo(1);
      assertThat(Fixtures.liveSessions(tenant, colleague)).isEqualTo(1);
      assertThat((String) Fixtures.audit(tenant.organizationId(), "member.removed").get(0).get("details")).contains("\"sessions_ended\": 2");
    }

    @Test
    void the_removed_member_no_longer_reaches_the_organization() {
      remove(tenant.member(Role.USER));

      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId()).bearer(tenant.token(Role.USER)).send(), 404, "not_found");
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_last_org_admin_cannot_be_removed() {
      UUID admin = tenant.member(Role.ORG_ADMIN);

      assertProblem(remove(admin), 409, "conflict");

      assertThat(Fixtures.role(tenant, admin)).isEqualTo("org_admin");
    }

    @Test
    void the_last_active_org_admin_cannot_be_removed_while_a_suspended_one_remains() {
      UUID suspended = tenant.member(Role.BILLING_ADMIN);
      Fixtures.db().useHandle(h -> h.execute("update organization_members set role = 'org_admin' where user_id = ?", suspended));
      Fixtures.suspend(tenant, suspended);
      UUID admin = tenant.member(Role.ORG_ADMIN);

      assertProblem(remove(admin), 409, "conflict");
      assertThat(Fixtures.role(tenant, admin)).isEqualTo("org_admin");

      assertThat(remove(suspended).status()).as("the suspended one may go").isEqualTo(204);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_user_who_is_not_a_member() {
      Tenant other = Tenant.create();
      assertProblem(remove(other.member(Role.USER)), 404, "not_found");
      assertThat(Fixtures.role(other, other.member(Role.USER))).isEqualTo("user");
    }
  }
}
