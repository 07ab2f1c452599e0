package dev.saaskit.themes.pages;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeletePageTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse delete(String slug, String credential) {
    return Api.delete("/api/v1/themes/pages/" + slug).bearer(credential).send();
  }

  @Nested
  class Ok {
    @Test
    void the_page_and_its_public_url_are_gone() {
      Themes.createdPage(tenant, "about", "x", "published");

      ApiResponse r = delete("about", tenant.apiKey("themes:write").secret());

      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(Api.get("/public/" + tenant.slug() + "/pages/about").send().status()).isEqualTo(404);
      assertThat(Api.get("/api/v1/themes/pages/about").bearer(tenant.token(Role.ORG_ADMIN)).send().status()).isEqualTo(404);
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("page.created", "page.deleted");
    }
  }

  @Nested
  class NotFound {
    @Test
    void twice() {
      Themes.createdPage(tenant, "about", "x", "draft");
      delete("about", tenant.token(Role.ORG_ADMIN));
      assertProblem(delete("about", tenant.token(Role.ORG_ADMIN)), 404, "not_found");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_an_admin() {
      Themes.createdPage(tenant, "about", "x", "draft");
      assertProblem(delete("about", tenant.token(Role.USER)), 403, "forbidden");
    }
  }
}
