package dev.saaskit.themes.site;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetPublicThemeCssTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void custom_properties_the_dark_variant_and_the_custom_css() {
      Map<String, Object> settings = Themes.settings("dark", Map.of("primary", "#90caf9", "on_primary", "#0d1b2a",
          "background", "#121212", "text", "#eeeeee", "link", "#90caf9"));
      Themes.create(tenant, settings);

      ApiResponse r = Api.get("/public/" + tenant.slug() + "/theme.css").send();

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("text/css; charset=utf-8");
      assertThat(r.header("etag")).isNotBlank();
      assertThat(r.body())
          .contains("--color-primary: #0b5fff;", "--font-heading: \"Inter\", system-ui, sans-serif;")
          .contains("@media (prefers-color-scheme: dark) {\n:root {\n  --color-primary: #90caf9;")
          .endsWith(".hero { padding: 2rem; }\n");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_organization() {
      assertProblem(Api.get("/public/no-such-org/theme.css").send(), 404, "not_found");
    }
  }
}
