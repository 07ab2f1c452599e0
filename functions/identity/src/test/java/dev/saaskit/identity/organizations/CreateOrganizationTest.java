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
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

public class CreateOrganizationTest {

  final String superAdmin = Fixtures.superAdminToken();

  public static String slug() {
    return "org-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static int organizationsWithSlug(String slug) {
    return Fixtures.count("select count(*) from organizations where slug = ?", slug);
  }

  ApiResponse create(Object body) {
    return Api.post("/api/v1/organizations").bearer(superAdmin).json(body).send();
  }

  @Nested
  class Created {
    @Test
    void with_the_defaults_and_an_audit_entry() {
      String slug = slug();
      ApiResponse r = create(Map.of("name", "Acme", "slug", slug));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode org = r.json();
      assertThat(org.path("name").asString()).isEqualTo("Acme");
      assertThat(org.path("slug").asString()).isEqualTo(slug);
      assertThat(org.path("plan").asString()).isEqualTo("free");
      assertThat(org.path("settings").isObject()).isTrue();
      assertThat(org.path("settings").isEmpty()).isTrue();
      assertThat(org.path("allowed_email_domains").isEmpty()).isTrue();
      assertThat(org.path("deleted_at").isNull()).isTrue();
      UUID id = UUID.fromString(org.path("id").asString());
      assertThat(r.header("location")).isEqualTo("/api/v1/organizations/" + id);
      assertThat(Fixtures.audit(id, "organization.created")).hasSize(1);
      assertThat(Fixtures.count("select count(*) from organization_members where organization_id = ?", id)).isZero();
    }

    @Test
    void with_a_plan_settings_and_email_domains() {
      ApiResponse r = create(Map.of("name", "Big Co", "slug", slug(), "plan", "enterprise",
          "settings", Map.of("theme", Map.of("color", "#123456"), "beta", true),
          "allowed_email_domains", List.of("big.example", "corp.big.example")));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("plan").asString()).isEqualTo("enterprise");
      assertThat(r.json().path("settings").path("theme").path("color").asString()).isEqualTo("#123456");
      assertThat(r.json().path("allowed_email_domains").get(1).asString()).isEqualTo("corp.big.example");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void slugs_outside_a_z_0_9_and_dash_of_3_to_63() {
      for (String slug : List.of("ab", "Acme", "has space", "under_score", "x".repeat(64), "émile", "")) {
        ApiResponse r = create(Map.of("name", "Acme", "slug", slug));
        assertProblem(r, 400, "validation_failed");
        assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("slug");
        assertThat(organizationsWithSlug(slug)).isZero();
      }
    }

    @Test
    void settings_that_are_not_an_object() {
      String slug = slug();
      for (String settings : List.of("[]", "\"dark\"", "1", "null", "true")) {
        ApiResponse r = create("{\"name\": \"Acme\", \"slug\": \"" + slug + "\", \"settings\": " + settings + "}");
        assertProblem(r, 400, "validation_failed");
        assertThat(r.json().path("detail").asString()).as(settings).contains("settings");
      }
      assertThat(organizationsWithSlug(slug)).isZero();
    }

    @Test
    void settings_over_16_kib_or_with_a_nul_character() {
      String slug = slug();
      assertProblem(create(Map.of("name", "Acme", "slug", slug, "settings", Map.of("blob", "x".repeat(16 * 1024)))), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Acme", "slug", slug, "settings", Map.of("bad", "a\u0000b"))), 400, "validation_failed");
      assertThat(organizationsWithSlug(slug)).isZero();
    }

    @Test
    void a_plan_that_does_not_exist_names_the_plans() {
      String slug = slug();
      ApiResponse r = create(Map.of("name", "Acme", "slug", slug, "plan", "platinum"));
      assertProblem(r, 400, "validation_failed");
      assertThat(r.json().path("detail").asString()).contains("enterprise", "free", "pro");
      assertThat(organizationsWithSlug(slug)).isZero();
    }

    @Test
    void missing_names_and_bad_email_domains() {
      assertProblem(create(Map.of("slug", slug())), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Acme", "slug", slug(), "allowed_email_domains", List.of("Example.COM"))), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Acme", "slug", slug(), "allowed_email_domains", List.of("a.example", "a.example"))), 400, "validation_failed");
      assertProblem(create(Map.of("name", "Acme", "slug", slug(), "allowed_email_domains", List.of("@example.com"))), 400, "validation_failed");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_slug_that_is_taken() {
      String slug = slug();
      JsonNode first = create(Map.of("name", "First", "slug", slug)).json();

      ApiResponse r = create(Map.of("name", "Second", "slug", slug));

      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("detail").asString()).contains(slug);
      assertThat(organizationsWithSlug(slug)).isEqualTo(1);
      assertThat(Fixtures.count("select count(*) from organizations where slug = ? and name = 'First' and id = cast(? as uuid)",
          slug, first.path("id").asString())).isEqualTo(1);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void for_an_organizations_own_admin() {
      assertProblem(Api.post("/api/v1/organizations").bearer(Tenant.create().token(Role.ORG_ADMIN))
          .json(Map.of("name", "Mine", "slug", slug())).send(), 403, "forbidden");
    }
  }
}
