package dev.saaskit.themes.site;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetPublicThemeTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse get(String org) {
    return Api.get("/public/" + org + "/theme").send();
  }

  @Nested
  class Ok {
    @Test
    void what_a_front_end_needs_and_nothing_private() {
      Themes.created(tenant);
      Themes.uploaded(tenant, "favicon", "image/png", Themes.PNG);

      ApiResponse r = get(tenant.slug());

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("organization").path("slug").asString()).isEqualTo(tenant.slug());
      assertThat(r.json().path("colors").path("primary").asString()).isEqualTo("#0b5fff");
      assertThat(r.json().path("favicon_url").asString()).isEqualTo("/public/" + tenant.slug() + "/assets/favicon?v=2");
      assertThat(r.json().path("logo_url").isNull()).isTrue();
      assertThat(r.json().path("css_url").asString()).isEqualTo("/public/" + tenant.slug() + "/theme.css?v=2");
      assertThat(r.json().has("custom_css")).isFalse();
      assertThat(r.json().has("warnings")).isFalse();
      assertThat(r.header("cache-control")).startsWith("public");
    }

    @Test
    void the_default_theme_until_the_organization_makes_one() {
      ApiResponse r = get(tenant.slug());
      assertThat(r.json().path("version").asInt()).isEqualTo(0);
      assertThat(r.json().path("fonts").path("body").asString()).isEqualTo("system-ui");
    }
  }

  @Nested
  class NotModified {
    @Test
    void until_the_theme_changes() {
      Themes.created(tenant);
      String etag = get(tenant.slug()).header("etag");

      ApiResponse same = Api.get("/public/" + tenant.slug() + "/theme").header("if-none-match", etag).send();
      Themes.update(tenant, Themes.settings("custom_css", ""));
      ApiResponse changed = Api.get("/public/" + tenant.slug() + "/theme").header("if-none-match", etag).send();

      assertThat(same.status()).isEqualTo(304);
      assertThat(changed.status()).isEqualTo(200);
      assertThat(changed.json().path("version").asInt()).isEqualTo(2);
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_organization() {
      assertProblem(get("no-such-org"), 404, "not_found");
    }
  }
}
