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

class GetPageTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse get(Tenant as, String slug) {
    return Api.get("/api/v1/themes/pages/" + slug).bearer(as.token(Role.BILLING_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void a_draft_as_it_was_written() {
      var created = Themes.createdPage(tenant, "about", "# About", "draft");
      assertThat(get(tenant, "about").json()).isEqualTo(created);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_slug_and_another_organizations_page() {
      Themes.createdPage(tenant, "about", "x", "published");
      assertProblem(get(tenant, "contact"), 404, "not_found");
      assertProblem(get(Themes.tenant(), "about"), 404, "not_found");
    }
  }
}
