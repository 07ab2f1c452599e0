package dev.saaskit.identity.organizations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListOrganizationsTest {

  JsonNode list(String token, String query) {
    ApiResponse r = Api.get("/api/v1/organizations" + query).bearer(token).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  @Nested
  class ForMembers {
    @Test
    void the_organizations_the_caller_belongs_to_and_no_other() {
      Tenant first = Tenant.create();
      Tenant second = Tenant.create();
      Tenant.create();
      UUID user = first.member(Role.USER);
      Fixtures.db().useHandle(h -> h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, 'user')",
          second.organizationId(), user));

      JsonNode page = list(first.token(Role.USER), "");

      assertThat(Fixtures.ids(page)).containsExactly(first.organizationId().toString(), second.organizationId().toString());
    }

    @Test
    void not_one_whose_membership_is_suspended() {
      Tenant first = Tenant.create();
      Tenant second = Tenant.create();
      UUID user = first.member(Role.USER);
      Fixtures.db().useHandle(h -> h.execute("insert into organization_members (organization_id, user_id, role, active) values (?, ?, 'user', false)",
          second.organizationId(), user));

      assertThat(Fixtures.ids(list(first.token(Role.USER), ""))).containsExactly(first.organizationId().toString());
    }

    @Test
    void a_page_at_a_time() {
      Tenant first = Tenant.create();
      Tenant second = Tenant.create();
      UUID user = first.member(Role.USER);
      Fixtures.db().useHandle(h -> h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, 'user')",
          second.organizationId(), user));

      JsonNode page = list(first.token(Role.USER), "?limit=1");
      assertThat(Fixtures.ids(page)).containsExactly(first.organizationId().toString());
      JsonNode next = list(first.token(Role.USER), "?limit=1&cursor=" + page.path("next_cursor").asString());
      assertThat(Fixtures.ids(next)).containsExactly(second.organizationId().toString());
      assertThat(next.path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class ForSuperAdmins {
    final String superAdmin = Fixtures.superAdminToken();

    @Test
    void every_organization_filtered_by_name_or_slug_and_plan() {
      Tenant free = Tenant.create();
      Tenant pro = Tenant.create();
      Fixtures.setPlan(pro, "pro");

      assertThat(Fixtures.ids(list(superAdmin, "?q=" + free.slug()))).containsExactly(free.organizationId().toString());
      assertThat(Fixtures.ids(list(superAdmin, "?q=" + pro.slug().toUpperCase() + "&plan=pro"))).containsExactly(pro.organizationId().toString());
      assertThat(Fixtures.ids(list(superAdmin, "?q=" + pro.slug() + "&plan=free"))).isEmpty();
    }

    @Test
    void deleted_organizations_only_when_asked() {
      Tenant deleted = Tenant.create();
      Fixtures.db().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", deleted.organizationId()));

      assertThat(Fixtures.ids(list(superAdmin, "?q=" + deleted.slug()))).isEmpty();
      assertThat(Fixtures.ids(list(superAdmin, "?q=" + deleted.slug() + "&include_deleted=true"))).hasSize(1);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void filters_that_are_not_valid() {
      String superAdmin = Fixtures.superAdminToken();
      for (String query : List.of("?include_deleted=yes", "?q=%00", "?q=" + "x".repeat(201), "?limit=0")) {
        assertProblem(Api.get("/api/v1/organizations" + query).bearer(superAdmin).send(), 400, "invalid_parameter");
      }
    }
  }
}
