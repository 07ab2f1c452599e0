package dev.saaskit.identity.members;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangeMemberRoleTest {

  final Tenant tenant = Tenant.create();

  String path(UUID user) {
    return "/api/v1/organizations/" + tenant.organizationId() + "/members/" + user;
  }

  ApiResponse change(String token, UUID user, Object body) {
    return Api.put(path(user)).bearer(token).json(body).send();
  }

  ApiResponse asAdmin(UUID user, String role) {
    return change(tenant.token(Role.ORG_ADMIN), user, Map.of("role", role));
  }

  @Nested
  class Ok {
    @Test
    void changes_the_role_and_audits_it() {
      UUID user = tenant.member(Role.USER);

      ApiResponse r = asAdmin(user, "billing_admin");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("role").asString()).isEqualTo("billing_admin");
      assertThat(Fixtures.role(tenant, user)).isEqualTo("billing_admin");
      var audit = Fixtures.audit(tenant.organizationId(), "member.role_changed");
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).get("resource_id")).isEqualTo(user.toString());
      assertThat((String) audit.get(0).get("details")).contains("\"from\": \"user\"", "\"to\": \"billing_admin\"");
    }

    @Test
    void the_same_role_again_changes_nothing() {
      assertThat(asAdmin(tenant.member(Role.USER), "user").status()).isEqualTo(200);
      assertThat(Fixtures.audit(tenant.organizationId(), "member.role_changed")).isEmpty();
    }

    @Test
    void an_org_admin_may_be_demoted_by_another_while_one_remains() {
      UUID user = tenant.member(Role.USER);
      asAdmin(user, "org_admin");
      String promoted = TestTokens.get().accessToken(user, tenant.organizationId(), Role.ORG_ADMIN);

      assertThat(change(promoted, tenant.member(Role.ORG_ADMIN), Map.of("role", "user")).status()).isEqualTo(200);
      assertThat(Fixtures.role(tenant, tenant.member(Role.ORG_ADMIN))).isEqualTo("user");
    }

    @Test
    void a_suspended_org_admin_may_be_demoted_while_an_active_one_remains() {
      UUID suspended = tenant.member(Role.USER);
      asAdmin(suspended, "org_admin");
      Fixtures.suspend(tenant, suspended);

      ApiResponse r = asAdmin(suspended, "billing_admin");

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("active").asBoolean()).isFalse();
      assertThat(Fixtures.role(tenant, suspended)).isEqualTo("billing_admin");
    }

    @Test
    void a_super_admin_changes_roles_in_any_organization() {
      ApiResponse r = change(Fixtures.superAdminToken(), tenant.member(Role.USER), Map.of("role", "org_admin"));
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void nobody_changes_their_own_role() {
      UUID admin = tenant.member(Role.ORG_ADMIN);
      asAdmin(tenant.member(Role.USER), "org_admin");

      ApiResponse r = asAdmin(admin, "user");

      assertProblem(r, 403, "forbidden");
      assertThat(r.json().path("code").asString()).isEqualTo("own_membership");
      assertThat(Fixtures.role(tenant, admin)).isEqualTo("org_admin");
    }

    @Test
    void a_demoted_admin_cannot_give_itself_its_power_back_with_its_old_token() {
      UUID other = tenant.member(Role.USER);
      asAdmin(other, "org_admin");
      String oldToken = tenant.token(Role.ORG_ADMIN);
      String othersToken = TestTokens.get().accessToken(other, tenant.organizationId(), Role.ORG_ADMIN);
      assertThat(change(othersToken, tenant.member(Role.ORG_ADMIN), Map.of("role", "user")).status()).isEqualTo(200);

      ApiResponse restore = change(oldToken, other, Map.of("role", "user"));

      assertProblem(restore, 403, "forbidden");
      assertThat(restore.json().path("code").asString()).isEqualTo("role_changed");
      assertThat(Fixtures.role(tenant, other)).isEqualTo("org_admin");
    }
  }

  @Nested
  class Conflict {
    @Test
    void the_last_org_admin_cannot_be_demoted() {
      UUID admin = tenant.member(Role.ORG_ADMIN);

      ApiResponse r = change(Fixtures.superAdminToken(), admin, Map.of("role", "user"));

      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("last_admin");
      assertThat(r.json().path("detail").asString()).contains("last org_admin");
      assertThat(Fixtures.role(tenant, admin)).isEqualTo("org_admin");
      assertThat(Fixtures.audit(tenant.organizationId(), "member.role_changed")).isEmpty();
    }

    @Test
    void the_last_active_org_admin_cannot_be_demoted_while_a_suspended_one_remains() {
      UUID suspended = tenant.member(Role.USER);
      asAdmin(suspended, "org_admin");
      Fixtures.suspend(tenant, suspended);
      UUID admin = tenant.member(Role.ORG_ADMIN);

      assertProblem(change(Fixtures.superAdminToken(), admin, Map.of("role", "user")), 409, "conflict");
      assertThat(Fixtures.role(tenant, admin)).isEqualTo("org_admin");
    }

    @Test
    void two_admins_demoting_each_other_at_once_leave_one() {
      UUID second = tenant.member(Role.USER);
      asAdmin(second, "org_admin");
      UUID first = tenant.member(Role.ORG_ADMIN);
      var one = Lambda.coldStart("change-member-role");
      var two = Lambda.coldStart("change-member-role");
      String secondsToken = TestTokens.get().accessToken(second, tenant.organizationId(), Role.ORG_ADMIN);

      var a = CompletableFuture.supplyAsync(() -> Api.put(path(second)).bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("role", "user")).sendTo(one));
      var b = CompletableFuture.supplyAsync(() -> Api.put(path(first)).bearer(secondsToken).json(Map.of("role", "user")).sendTo(two));

      // The second to run is refused: 409 when it read the admins before the first committed, or 403
      // role_changed when it started after (its caller is no admin any more).
      List<Integer> statuses = List.of(a.join().status(), b.join().status());
      assertThat(statuses).contains(200).containsAnyOf(409, 403).doesNotHaveDuplicates();
      assertThat(Fixtures.count("select count(*) from organization_members where organization_id = ? and role = 'org_admin' and active",
          tenant.organizationId())).isEqualTo(1);
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_user_who_is_not_a_member() {
      Tenant other = Tenant.create();
      assertProblem(asAdmin(other.member(Role.USER), "billing_admin"), 404, "not_found");
      assertThat(Fixtures.role(other, other.member(Role.USER))).isEqualTo("user");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void roles_that_are_not_organization_roles() {
      for (String role : new String[] {"super_admin", "support_agent", "owner", "ORG_ADMIN"}) {
        assertProblem(asAdmin(tenant.member(Role.USER), role), 400, "validation_failed");
      }
      assertProblem(change(tenant.token(Role.ORG_ADMIN), tenant.member(Role.USER), Map.of()), 400, "validation_failed");
      assertProblem(Api.put("/api/v1/organizations/" + tenant.organizationId() + "/members/me").bearer(tenant.token(Role.ORG_ADMIN))
          .json(Map.of("role", "user")).send(), 400, "invalid_parameter");
      assertThat(Fixtures.role(tenant, tenant.member(Role.USER))).isEqualTo("user");
    }
  }
}
