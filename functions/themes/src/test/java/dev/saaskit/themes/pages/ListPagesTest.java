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

class ListPagesTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void drafts_and_published_pages_oldest_first_a_page_at_a_time() {
      Themes.createdPage(tenant, "one", "1", "draft");
      Themes.createdPage(tenant, "two", "2", "published");
      Themes.createdPage(tenant, "three", "3", "draft");
      Themes.createdPage(Themes.tenant(), "elsewhere", "x", "published");

      ApiResponse first = Api.get("/api/v1/themes/pages?limit=2").bearer(tenant.token(Role.USER)).send();
      ApiResponse second = Api.get("/api/v1/themes/pages?limit=2&cursor=" + first.json().path("next_cursor").asString())
          .bearer(tenant.apiKey("themes:read").secret()).send();

      assertThat(first.json().path("data").valueStream().map(p -> p.path("slug").asString())).containsExactly("one", "two");
      assertThat(second.json().path("data").valueStream().map(p -> p.path("slug").asString())).containsExactly("three");
      assertThat(second.json().path("next_cursor").isNull()).isTrue();
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertProblem(Api.get("/api/v1/themes/pages").send(), 401, "unauthenticated");
    }
  }
}
