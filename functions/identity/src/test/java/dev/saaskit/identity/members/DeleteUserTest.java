package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeleteUserTest {

  final TestUsers.Account admin = TestUsers.register();
  final TestUsers.Account member = TestUsers.memberOf(admin.orgId(), Role.USER);

  static ApiResponse delete(TestUsers.Account who, Object id) {
    return Api.delete("/api/v1/users/" + id).bearer(who.accessToken()).send();
  }

  @Nested
  class Ok {
    @Test
    void an_org_admin_removes_a_member_from_its_organization_only() {
      TestUsers.Account ownOrg = TestUsers.loginTo(member, member.homeOrgId());

      assertThat(delete(admin, member.userId()).status()).isEqualTo(204);
      assertProblem(refresh(member.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(ownOrg.refreshToken()).status()).isEqualTo(200);
      assertProblem(Api.get("/api/v1/users/" + member.userId()).bearer(admin.accessToken()).send(), 404, "not_found");
      assertThat(TestUsers.audits("member.removed", member.userId())).isEqualTo(1);
    }

    @Test
    void a_super_admin_deletes_the_account_everywhere_and_frees_its_email() {
      TestUsers.Account root = TestUsers.superAdmin();

      assertThat(delete(root, member.userId()).status()).isEqualTo(204);
      assertProblem(refresh(member.refreshToken()), 401, "unauthenticated");
      assertProblem(TestUsers.login(member.email(), member.password()), 401, "unauthenticated");
      assertThat(TestUsers.audits("user.deleted", member.userId())).isEqualTo(1);
      assertThat(TestUsers.count("select count(*) from users where id = ? and deleted_at is not null", member.userId())).isEqualTo(1);
      assertThat(TestUsers.registerResponse(member.email(), "correct horse battery", "New", "New Org").status()).isEqualTo(201);
      assertThat(TestUsers.count("select count(*) from organization_members where user_id = ?", member.userId()))
          .as("a deleted account holds no memberships").isZero();
    }

    @Test
    void a_deleted_account_is_no_org_admin_any_more() {
      TestUsers.Account root = TestUsers.superAdmin();
      TestUsers.Account secondAdmin = TestUsers.memberOf(admin.orgId(), Role.ORG_ADMIN);
      assertThat(delete(root, secondAdmin.userId()).status()).isEqualTo(204);

      // The organization's only org_admin now is admin: not even a super_admin can demote it.
      ApiResponse demote = Api.put("/api/v1/organizations/" + admin.orgId() + "/members/" + admin.userId()).bearer(root.accessToken())
          .json(Map.of("role", "user")).send();
      assertProblem(demote, 409, "conflict");
      assertThat(demote.json().path("code").asString()).isEqualTo("last_admin");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_user_or_nobody() {
      TestUsers.Account stranger = TestUsers.register();
      assertProblem(delete(admin, stranger.userId()), 404, "not_found");
      assertProblem(delete(admin, UUID.randomUUID()), 404, "not_found");
      assertThat(refresh(stranger.refreshToken()).status()).isEqualTo(200);
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_last_org_admin_or_a_super_admin_itself() {
      assertProblem(delete(admin, admin.userId()), 409, "conflict");
      TestUsers.Account root = TestUsers.superAdmin();
      assertProblem(delete(root, root.userId()), 409, "conflict");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_without_the_admin_role() {
      assertProblem(delete(member, admin.userId()), 403, "forbidden");
      assertThat(refresh(admin.refreshToken()).status()).isEqualTo(200);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertProblem(delete(admin, "all"), 400, "invalid_parameter");
    }
  }
}
