package dev.saaskit.themes.pages;

import static dev.saaskit.testkit.Problems.assertFieldError;
import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreatePageTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void a_draft_with_its_markdown_and_public_url() {
      Map<String, Object> body = Themes.page("about-us", "# About\n\nWe **build**.", "draft");
      body.put("seo", Map.of("title", "About Acme", "description", "Who we are"));

      ApiResponse r = Themes.createPage(tenant, body);

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("slug").asString()).isEqualTo("about-us");
      assertThat(r.json().path("markdown").asString()).isEqualTo("# About\n\nWe **build**.");
      assertThat(r.json().path("status").asString()).isEqualTo("draft");
      assertThat(r.json().path("published_at").isNull()).isTrue();
      assertThat(r.json().path("seo").path("title").asString()).isEqualTo("About Acme");
      assertThat(r.json().path("url").asString()).isEqualTo("/public/" + tenant.slug() + "/pages/about-us");
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("page.created");
    }

    @Test
    void published_at_once() {
      assertThat(Themes.createdPage(tenant, "pricing", "Plans", "published").path("published_at").asString()).isNotBlank();
    }

    @Test
    void the_same_slug_in_another_organization() {
      Themes.createdPage(tenant, "about", "x", "draft");
      assertThat(Themes.createPage(Themes.tenant(), Themes.page("about", "y", "draft")).status()).isEqualTo(201);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_slug_that_is_not_lower_case_words() {
      for (String slug : new String[] {"About", "about us", "about--us", "-about", "../etc", "a".repeat(65)}) {
        assertFieldError(Themes.createPage(tenant, Themes.page(slug, "x", "draft")), "slug", slug.length() > 64 ? "at most 64" : "lower-case");
      }
    }

    @Test
    void an_unknown_status_and_missing_title() {
      Map<String, Object> body = Themes.page("about", "x", "live");
      body.remove("title");
      ApiResponse r = Themes.createPage(tenant, body);
      assertFieldError(r, "status", "draft");
      assertFieldError(r, "title", "is required");
    }

    @Test
    void markdown_over_100_kib() {
      assertFieldError(Themes.createPage(tenant, Themes.page("big", "x".repeat(100 * 1024 + 1), "draft")), "markdown", "at most 102400 bytes");
    }

    @Test
    void an_seo_title_too_long_for_search_results() {
      Map<String, Object> body = Themes.page("about", "x", "draft");
      body.put("seo", Map.of("title", "t".repeat(71)));
      assertFieldError(Themes.createPage(tenant, body), "seo.title", "at most 70");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_an_admin() {
      assertProblem(Api.post("/api/v1/themes/pages").bearer(tenant.token(Role.USER)).json(Themes.page("a", "x", "draft")).send(),
          403, "forbidden");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_slug_the_organization_has() {
      Themes.createdPage(tenant, "about", "x", "draft");
      ApiResponse r = Themes.createPage(tenant, Themes.page("about", "y", "published"));
      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("page_exists");
    }
  }
}
