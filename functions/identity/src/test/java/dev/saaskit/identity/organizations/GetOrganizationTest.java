package dev.saaskit.identity.organizations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetOrganizationTest {

  final Tenant tenant = Tenant.create();

  ApiResponse get(UUID id, String token) {
    return Api.get("/api/v1/organizations/" + id).bearer(token).send();
  }

  @Nested
  class Ok {
    @Test
    void any_member_reads_their_organization() {
      ApiResponse r = get(tenant.organizationId(), tenant.token(Role.USER));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(r.json().path("slug").asString()).isEqualTo(tenant.slug());
      assertThat(r.json().path("plan").asString()).isEqualTo("free");
    }

    @Test
    void an_api_key_with_organizations_read_reads_its_organization() {
      ApiResponse r = get(tenant.organizationId(), tenant.apiKey("organizations:read").secret());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("id").asString()).isEqualTo(tenant.organizationId().toString());
    }

    @Test
    void a_super_admin_reads_any_organization_deleted_ones_too() {
      String superAdmin = Fixtures.superAdminToken();
      assertThat(get(tenant.organizationId(), superAdmin).status()).isEqualTo(200);

      Fixtures.db().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));

      ApiResponse r = get(tenant.organizationId(), superAdmin);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("deleted_at").isNull()).isFalse();
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void a_key_of_a_deleted_organization() {
      String key = tenant.apiKey("organizations:read").secret();
      Fixtures.db().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));

      assertProblem(get(tenant.organizationId(), key), 401, "unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void an_api_key_without_organizations_read() {
      assertProblem(get(tenant.organizationId(), tenant.apiKey("keys:read").secret()), 403, "insufficient_scope");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_id() {
      assertProblem(get(tenant.organizationId(), Tenant.create().token(Role.ORG_ADMIN)), 404, "not_found");
    }

    @Test
    void another_organizations_id_with_an_api_key() {
      assertProblem(get(tenant.organizationId(), Tenant.create().apiKey("organizations:read").secret()), 404, "not_found");
    }

    @Test
    void an_organization_the_user_belongs_to_through_a_token_scoped_to_another() {
      Tenant other = Tenant.create();
      UUID user = tenant.member(Role.USER);
      Fixtures.db().useHandle(h -> h.execute("insert into organization_members (organization_id, user_id, role) values (?, ?, 'user')",
          other.organizationId(), user));

      assertProblem(get(other.organizationId(), tenant.token(Role.USER)), 404, "not_found");
      assertThat(get(other.organizationId(), TestTokens.get().accessToken(user, other.organizationId(), Role.USER)).status()).isEqualTo(200);
    }

    @Test
    void for_a_removed_member_whose_token_has_not_expired() {
      Fixtures.db().useHandle(h -> h.execute("delete from organization_members where user_id = ?", tenant.member(Role.USER)));

      assertProblem(get(tenant.organizationId(), tenant.token(Role.USER)), 404, "not_found");
    }

    @Test
    void for_a_suspended_member() {
      Fixtures.suspend(tenant, tenant.member(Role.USER));

      assertProblem(get(tenant.organizationId(), tenant.token(Role.USER)), 404, "not_found");
      assertThat(get(tenant.organizationId(), tenant.token(Role.BILLING_ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void a_deleted_organization_for_its_members() {
      Fixtures.db().useHandle(h -> h.execute("update organizations set deleted_at = now() where id = ?", tenant.organizationId()));

      assertProblem(get(tenant.organizationId(), tenant.token(Role.ORG_ADMIN)), 404, "not_found");
    }

    @Test
    void an_id_that_does_not_exist_for_a_super_admin() {
      assertProblem(get(UUID.randomUUID(), Fixtures.superAdminToken()), 404, "not_found");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertProblem(Api.get("/api/v1/organizations/acme").bearer(tenant.token(Role.USER)).send(), 400, "invalid_parameter");
    }
  }
}
