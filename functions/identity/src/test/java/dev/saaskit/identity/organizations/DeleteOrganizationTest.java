package dev.saaskit.identity.organizations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeleteOrganizationTest {

  final Tenant tenant = Tenant.create();
  final String superAdmin = Fixtures.superAdminToken();

  Api.Request delete() {
    return Api.delete("/api/v1/organizations/" + tenant.organizationId()).bearer(superAdmin);
  }

  @Nested
  class Ok {
    @Test
    void soft_deletes_with_the_default_retention_of_30_days() {
      ApiResponse r = delete().send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      Instant deletedAt = Instant.parse(r.json().path("deleted_at").asString());
      Instant purgeAfter = Instant.parse(r.json().path("purge_after").asString());
      assertThat(Duration.between(deletedAt, purgeAfter)).isEqualTo(Duration.ofDays(30));
      assertThat(Fixtures.count("select count(*) from organization_members where organization_id = ?", tenant.organizationId())).isEqualTo(3);
      assertThat(Fixtures.audit(tenant.organizationId(), "organization.deleted")).hasSize(1);
    }

    @Test
    void the_retention_comes_from_organization_retention_days() {
      ApiResponse r = delete().sendToNewContainer(Map.of("ORGANIZATION_RETENTION_DAYS", "7"));

      Instant purgeAfter = Instant.parse(r.json().path("purge_after").asString());
      assertThat(purgeAfter).isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(1, ChronoUnit.HOURS));
    }

    @Test
    void every_session_in_it_ends_and_its_members_sessions_elsewhere_go_on() {
      UUID admin = tenant.member(Role.ORG_ADMIN);
      UUID user = tenant.member(Role.USER);
      Fixtures.session(tenant, admin);
      Fixtures.session(tenant, user);
      Tenant elsewhere = Tenant.create();
      Fixtures.memberToken(elsewhere, user, Role.USER);

      ApiResponse r = delete().send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(Fixtures.liveSessions(tenant, admin)).isZero();
      assertThat(Fixtures.liveSessions(tenant, user)).isZero();
      assertThat(Fixtures.count("select count(*) from sessions where organization_id = ? and revoked_reason = 'organization_deleted'",
          tenant.organizationId())).isEqualTo(2);
      assertThat(Fixtures.liveSessions(elsewhere, user)).isEqualTo(1);
      assertThat((String) Fixtures.audit(tenant.organizationId(), "organization.deleted").get(0).get("details")).contains("\"sessions_ended\": 2");
    }

    @Test
    void its_members_no_longer_reach_it_or_its_workspaces() {
      UUID workspace = Fixtures.workspace(tenant, "Kept until the purge");

      delete().send();

      String member = tenant.token(Role.ORG_ADMIN);
      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId()).bearer(member).send(), 404, "not_found");
      assertProblem(Api.get("/api/v1/organizations/" + tenant.organizationId() + "/members").bearer(member).send(), 404, "not_found");
      assertProblem(Api.get("/api/v1/workspaces/" + workspace).bearer(member).send(), 404, "not_found");
      assertThat(Api.get("/api/v1/organizations").bearer(member).send().json().path("data").isEmpty()).isTrue();
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_organization_deleted_before() {
      delete().send();
      assertProblem(delete().send(), 404, "not_found");
      assertThat(Fixtures.audit(tenant.organizationId(), "organization.deleted")).hasSize(1);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void for_the_organizations_own_admin() {
      assertProblem(Api.delete("/api/v1/organizations/" + tenant.organizationId()).bearer(tenant.token(Role.ORG_ADMIN)).send(), 403, "forbidden");
      assertThat(Fixtures.count("select count(*) from organizations where id = ? and deleted_at is null", tenant.organizationId())).isEqualTo(1);
    }
  }
}
