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

class UpdatePageTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse update(String slug, Object body) {
    return Api.put("/api/v1/themes/pages/" + slug).bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  static Map<String, Object> content(String markdown, String status) {
    Map<String, Object> body = Themes.page("ignored", markdown, status);
    body.remove("slug");
    return body;
  }

  ApiResponse publicPage(String slug) {
    return Api.get("/public/" + tenant.slug() + "/pages/" + slug).send();
  }

  @Nested
  class Ok {
    @Test
    void publishing_shows_the_page_and_a_return_to_draft_hides_it() {
      Themes.createdPage(tenant, "about", "old", "draft");

      ApiResponse published = update("about", content("new **text**", "published"));
      ApiResponse shown = publicPage("about");
      update("about", content("new **text**", "draft"));
      ApiResponse hidden = publicPage("about");

      assertThat(published.status()).as(published.toString()).isEqualTo(200);
      assertThat(published.json().path("published_at").asString()).isNotBlank();
      assertThat(shown.status()).isEqualTo(200);
      assertThat(shown.body()).contains("new <strong>text</strong>");
      assertThat(hidden.status()).isEqualTo(404);
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("page.created", "page.updated", "page.updated");
    }

    @Test
    void publishing_again_keeps_the_first_publication_time() {
      Themes.createdPage(tenant, "about", "x", "published");
      String first = Api.get("/api/v1/themes/pages/about").bearer(tenant.token(Role.ORG_ADMIN)).send().json().path("published_at").asString();

      ApiResponse again = update("about", content("y", "published"));

      assertThat(again.json().path("published_at").asString()).isEqualTo(first);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_status_changes_nothing() {
      Themes.createdPage(tenant, "about", "x", "draft");
      var before = Themes.snapshot(tenant.organizationId());

      assertFieldError(update("about", content("y", "archived")), "status", "draft");

      assertThat(Themes.snapshot(tenant.organizationId())).isEqualTo(before);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_slug() {
      assertProblem(update("nothing", content("x", "draft")), 404, "not_found");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_that_only_reads() {
      Themes.createdPage(tenant, "about", "x", "draft");
      assertProblem(Api.put("/api/v1/themes/pages/about").bearer(tenant.apiKey("themes:read").secret()).json(content("y", "draft")).send(),
          403, "insufficient_scope");
    }
  }
}
