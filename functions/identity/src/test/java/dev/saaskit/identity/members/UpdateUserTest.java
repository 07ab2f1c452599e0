package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static dev.saaskit.identity.TestUsers.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.TestUsers;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateUserTest {

  final TestUsers.Account admin = TestUsers.register();
  final TestUsers.Account member = TestUsers.memberOf(admin.orgId(), Role.USER);

  static ApiResponse update(TestUsers.Account who, Object id, Object body) {
    return Api.put("/api/v1/users/" + id).bearer(who.accessToken()).json(body).send();
  }

  @Nested
  class Ok {
    @Test
    void changes_a_members_role_effective_at_the_next_refresh() {
      ApiResponse r = update(admin, member.userId(), Map.of("role", "billing_admin"));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("membership").path("role").asString()).isEqualTo("billing_admin");
      assertThat(TestUsers.audits("member.role_changed", member.userId())).isEqualTo(1);
      String renewed = refresh(member.refreshToken()).json().path("access_token").asString();
      assertThat(TestUsers.me(renewed).json().path("role").asString()).isEqualTo("billing_admin");
    }

    @Test
    void suspending_ends_the_members_sessions_in_this_organization_only() {
      TestUsers.Account elsewhere = TestUsers.loginTo(member, member.homeOrgId());

      ApiResponse r = update(admin, member.userId(), Map.of("active", false));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("membership").path("active").asBoolean()).isFalse();
      assertProblem(refresh(member.refreshToken()), 401, "unauthenticated");
      assertThat(refresh(elsewhere.refreshToken()).status()).isEqualTo(200);
      assertThat(TestUsers.audits("member.suspended", member.userId())).isEqualTo(1);

      assertThat(update(admin, member.userId(), Map.of("active", true)).status()).isEqualTo(200);
      assertThat(TestUsers.loginTo(member, admin.orgId()).accessToken()).isNotBlank();
    }

    @Test
    void an_admin_may_be_demoted_by_another_and_its_old_token_then_changes_nothing() {
      TestUsers.Account second = TestUsers.memberOf(admin.orgId(), Role.ORG_ADMIN);
      assertThat(update(second, admin.userId(), Map.of("role", "user")).status()).isEqualTo(200);

      ApiResponse stale = update(admin, second.userId(), Map.of("role", "user"));

      assertProblem(stale, 403, "forbidden");
      assertThat(stale.json().path("code").asString()).isEqualTo("role_changed");
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_last_active_org_admin_cannot_be_demoted_or_suspended() {
      String superAdmin = superAdminIn(admin.orgId());
      assertProblem(Api.put("/api/v1/users/" + admin.userId()).bearer(superAdmin).json(Map.of("role", "user")).send(), 409, "conflict");
      assertProblem(Api.put("/api/v1/users/" + admin.userId()).bearer(superAdmin).json(Map.of("active", false)).send(), 409, "conflict");
      assertThat(TestUsers.count("select count(*) from organization_members where user_id = ? and role = 'org_admin' and active", admin.userId()))
          .isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_user_of_another_organization_even_for_a_super_admin() {
      TestUsers.Account stranger = TestUsers.register();
      assertProblem(update(admin, stranger.userId(), Map.of("role", "user")), 404, "not_found");
      assertProblem(update(TestUsers.superAdmin(), member.userId(), Map.of("role", "org_admin")), 404, "not_found");
      assertThat(TestUsers.count("select count(*) from organization_members where user_id = ? and role = 'org_admin'", stranger.userId())).isEqualTo(1);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void nobody_changes_their_own_role_or_active_flag() {
      TestUsers.memberOf(admin.orgId(), Role.ORG_ADMIN);
      for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("role", "user"), Map.of("active", false))) {
        ApiResponse r = update(admin, admin.userId(), change);
        assertProblem(r, 403, "forbidden");
        assertThat(r.json().path("code").asString()).isEqualTo("own_membership");
      }
    }

    @Test
    void a_member_promoting_itself() {
      assertProblem(update(member, member.userId(), Map.of("role", "org_admin")), 403, "forbidden");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void unknown_or_platform_roles_and_empty_bodies() {
      assertFieldError(update(admin, member.userId(), Map.of("role", "super_admin")), "role", "one of org_admin, billing_admin, user");
      assertFieldError(update(admin, member.userId(), Map.of("role", "owner")), "role", "unknown role");
      assertFieldError(update(admin, member.userId(), Map.of()), "body", "send role, active or both");
      assertFieldError(update(admin, member.userId(), "{\"active\": \"false\"}"), "active", "true or false");
      assertFieldError(update(admin, member.userId(), "{\"platform_roles\": [\"super_admin\"]}"), "platform_roles", "not a known field");
      assertProblem(update(admin, "x", Map.of("role", "user")), 400, "invalid_parameter");
    }
  }

  /** A super_admin's token scoped to {@code org}, of an account that is no member of it. */
  static String superAdminIn(UUID org) {
    TestUsers.Account root = TestUsers.superAdmin();
    return TestTokens.get().accessToken(root.userId(), org, Role.USER, Role.SUPER_ADMIN);
  }
}
