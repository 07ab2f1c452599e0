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

class UpdateThemeTest {

  final Tenant tenant = Themes.tenant();

  @Nested
  class Ok {
    @Test
    void a_change_is_a_new_version_and_audited_with_what_changed() {
      Themes.created(tenant);

      ApiResponse r = Themes.update(tenant, Themes.settings("fonts", Map.of("heading", "Lora", "body", "Lora")));

      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.json().path("version").asInt()).isEqualTo(2);
      assertThat(r.json().path("fonts").path("body").asString()).isEqualTo("Lora");
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("theme.created", "theme.updated");
    }

    @Test
    void the_same_settings_again_change_nothing() {
      Themes.created(tenant);

      ApiResponse r = Themes.update(tenant, Themes.settings());

      assertThat(r.json().path("version").asInt()).isEqualTo(1);
      assertThat(Themes.auditActions(tenant.organizationId())).containsExactly("theme.created");
    }

    @Test
    void the_logo_stays() {
      Themes.created(tenant);
      Themes.uploaded(tenant, "logo", "image/png", Themes.PNG);

      ApiResponse r = Themes.update(tenant, Themes.settings("custom_css", ""));

      assertThat(r.json().path("logo").path("content_type").asString()).isEqualTo("image/png");
      assertThat(r.json().path("custom_css").asString()).isEmpty();
    }
  }

  @Nested
  class BadRequest {
    @Test
    void a_refused_change_leaves_the_theme_as_it_was() {
      Themes.created(tenant);
      var before = Themes.snapshot(tenant.organizationId());

      assertFieldError(Themes.update(tenant, Themes.settings("custom_css", "a { background: url(https://evil.example/x.png) }")),
          "custom_css", "url() must be a path on this host");

      assertThat(Themes.snapshot(tenant.organizationId())).isEqualTo(before);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_billing_admin() {
      Themes.created(tenant);
      assertProblem(Api.put("/api/v1/themes").bearer(tenant.token(Role.BILLING_ADMIN)).json(Themes.settings()).send(), 403, "forbidden");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_organization_without_a_theme() {
      assertProblem(Themes.update(tenant, Themes.settings()), 404, "not_found");
    }
  }
}
