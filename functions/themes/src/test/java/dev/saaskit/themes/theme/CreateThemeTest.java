package dev.saaskit.themes.theme;

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
import tools.jackson.databind.JsonNode;

class CreateThemeTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void stores_the_theme_as_version_one_with_colors_in_lower_case() {
      ApiResponse r = Themes.create(tenant, Themes.settings());

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      JsonNode theme = r.json();
      assertThat(theme.path("colors").path("primary").asString()).isEqualTo("#0b5fff");
      assertThat(theme.path("fonts").path("heading").asString()).isEqualTo("Inter");
      assertThat(theme.path("version").asInt()).isEqualTo(1);
      assertThat(theme.path("warnings").isEmpty()).isTrue();
      assertThat(theme.path("logo").isNull()).isTrue();
      assertThat(Api.get("/api/v1/themes").bearer(tenant.token(Role.USER)).send().json()).isEqualTo(theme);
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("theme.created");
    }

    @Test
    void text_on_the_primary_color_below_aa_is_kept_with_a_warning() {
      ApiResponse r = Themes.create(tenant, Themes.settings("colors", Themes.colors("#FFD700", "#FFFFFF")));

      assertThat(r.status()).isEqualTo(201);
      JsonNode warning = r.json().path("warnings").get(0);
      assertThat(warning.path("field").asString()).isEqualTo("colors.on_primary");
      assertThat(warning.path("code").asString()).isEqualTo("contrast_below_aa");
      assertThat(warning.path("message").asString()).contains("1.40:1").contains("4.5:1");
    }

    @Test
    void a_dark_variant_is_checked_too() {
      ApiResponse r = Themes.create(tenant, Themes.settings("dark", Map.of("primary", "#90CAF9", "on_primary", "#0D1B2A",
          "background", "#121212", "text", "#333333", "link", "#90CAF9")));

      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("dark").path("background").asString()).isEqualTo("#121212");
      assertThat(r.json().path("warnings").valueStream().map(w -> w.path("field").asString())).containsExactly("dark.text");
    }

    @Test
    void custom_css_is_stored_as_the_parser_wrote_it() {
      ApiResponse r = Themes.create(tenant, Themes.settings("custom_css", ".hero{padding:2rem;color:RED}\n@media (max-width: 600px){.hero{padding:0}}"));

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(r.json().path("custom_css").asString())
          .isEqualTo("*.hero { padding: 2rem; color: RED; }\n@media (max-width: 600px) {\n  *.hero { padding: 0; }\n}\n");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_color_not_written_as_six_hex_digits() {
      assertFieldError(Themes.create(tenant, Themes.settings("colors", Themes.colors("blue", "#FFFFFF"))),
          "colors.primary", "#rrggbb");
    }

    @Test
    void a_font_not_on_the_list_names_the_list() {
      assertFieldError(Themes.create(tenant, Themes.settings("fonts", Map.of("heading", "Comic Sans MS", "body", "Inter"))),
          "fonts.heading", "Inter");
    }

    @Test
    void missing_colors_and_fonts() {
      ApiResponse r = Themes.create(tenant, Map.of());
      assertFieldError(r, "colors", "is required");
      assertFieldError(r, "fonts", "is required");
    }

    @Test
    void css_that_imports_another_stylesheet() {
      assertFieldError(Themes.create(tenant, Themes.settings("custom_css", "@import url(/public/x/theme.css);")),
          "custom_css", "style rules and @media only");
    }

    @Test
    void nothing_is_stored_when_refused() {
      Themes.create(tenant, Themes.settings("custom_css", "a { behavior: url(/x.htc); }"));
      assertThat(Api.get("/api/v1/themes").bearer(tenant.token(Role.ORG_ADMIN)).send().status()).isEqualTo(404);
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertProblem(Api.post("/api/v1/themes").json(Themes.settings()).send(), 401, "unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_who_is_not_an_admin() {
      assertProblem(Api.post("/api/v1/themes").bearer(tenant.token(Role.USER)).json(Themes.settings()).send(), 403, "forbidden");
    }

    @Test
    void a_key_that_may_only_read_themes() {
      assertProblem(Api.post("/api/v1/themes").bearer(tenant.apiKey("themes:read").secret()).json(Themes.settings()).send(),
          403, "insufficient_scope");
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_second_theme() {
      Themes.created(tenant);
      ApiResponse r = Themes.create(tenant, Themes.settings("custom_css", ""));
      assertProblem(r, 409, "conflict");
      assertThat(r.json().path("code").asString()).isEqualTo("theme_exists");
    }
  }
}
