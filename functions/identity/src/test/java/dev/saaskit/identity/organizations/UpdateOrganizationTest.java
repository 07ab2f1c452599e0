package dev.saaskit.identity.organizations;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.identity.Fixtures;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UpdateOrganizationTest {

  final Tenant tenant = Tenant.create();

  ApiResponse update(String token, Object body) {
    return Api.put("/api/v1/organizations/" + tenant.organizationId()).bearer(token).json(body).send();
  }

  ApiResponse asAdmin(Object body) {
    return update(tenant.token(Role.ORG_ADMIN), body);
  }

  @Nested
  class Ok {
    @Test
    void changes_what_is_sent_keeps_the_rest_and_audits_the_change() {
      String slug = CreateOrganizationTest.slug();
      ApiResponse r = asAdmin(Map.of("name", "Renamed", "slug", slug, "settings", Map.of("locale", "de")));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("name").asString()).isEqualTo("Renamed");
      assertThat(r.json().path("slug").asString()).isEqualTo(slug);
      assertThat(r.json().path("plan").asString()).isEqualTo("free");
      assertThat(r.json().path("settings").path("locale").asString()).isEqualTo("de");

      var audit = Fixtures.audit(tenant.organizationId(), "organization.updated");
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0).get("actor_user_id")).isEqualTo(tenant.member(Role.ORG_ADMIN));
      assertThat((String) audit.get(0).get("details")).contains("\"to\": \"Renamed\"", "\"settings\": \"replaced\"").doesNotContain("locale");
    }

    @Test
    void settings_are_replaced_as_a_whole() {
      asAdmin(Map.of("settings", Map.of("a", 1, "b", 2)));

      ApiResponse r = asAdmin(Map.of("settings", Map.of("c", 3)));

      assertThat(r.json().path("settings").properties()).hasSize(1);
      assertThat(r.json().path("settings").path("c").asInt()).isEqualTo(3);
    }

    @Test
    void a_super_admin_changes_the_plan() {
      ApiResponse r = update(Fixtures.superAdminToken(), Map.of("plan", "pro"));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("plan").asString()).isEqualTo("pro");
    }

    @Test
    void an_org_admin_may_send_the_plan_it_already_has() {
      assertThat(asAdmin(Map.of("plan", "free", "name", "Same plan")).status()).isEqualTo(200);
    }

    @Test
    void allowed_email_domains_are_set_and_cleared() {
      assertThat(asAdmin(Map.of("allowed_email_domains", List.of("acme.example"))).json().path("allowed_email_domains").get(0).asString())
          .isEqualTo("acme.example");
      assertThat(asAdmin(Map.of("allowed_email_domains", List.of())).json().path("allowed_email_domains").isEmpty()).isTrue();
    }
  }

  @Nested
  class Forbidden {
    @Test
    void an_org_admin_changing_the_plan() {
      List<Object> before = Fixtures.snapshot(tenant);

      assertProblem(asAdmin(Map.of("plan", "enterprise", "name", "Upgraded")), 403, "forbidden");

      assertThat(Fixtures.snapshot(tenant)).isEqualTo(before);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_slug_of_another_organization() {
      Tenant other = Tenant.create();
      List<Object> before = Fixtures.snapshot(tenant);

      ApiResponse r = asAdmin(Map.of("slug", other.slug(), "name", "Taken"));

      assertProblem(r, 409, "conflict");
      assertThat(Fixtures.snapshot(tenant)).isEqualTo(before);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void nothing_to_change() {
      assertProblem(asAdmin(Map.of()), 400, "validation_failed");
    }

    @Test
    void bad_fields_change_nothing() {
      List<Object> before = Fixtures.snapshot(tenant);

      assertProblem(asAdmin("{\"settings\": [1, 2]}"), 400, "validation_failed");
      assertProblem(asAdmin(Map.of("settings", Map.of("blob", "x".repeat(17_000)))), 400, "validation_failed");
      assertProblem(asAdmin(Map.of("slug", "NO")), 400, "validation_failed");
      assertProblem(asAdmin(Map.of("name", " ")), 400, "validation_failed");
      assertProblem(asAdmin(Map.of("colour", "red")), 400, "validation_failed");
      assertProblem(update(Fixtures.superAdminToken(), Map.of("plan", "platinum")), 400, "validation_failed");

      assertThat(Fixtures.snapshot(tenant)).isEqualTo(before);
    }
  }
}
