package dev.saaskit.themes.theme;

import static dev.saaskit.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.themes.Themes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GetThemeTest {

  final Tenant tenant = Themes.tenant();

  ApiResponse get(String credential) {
    return Api.get("/api/v1/themes").bearer(credential).send();
  }

  @Nested
  class Ok {
    @Test
    void every_member_and_a_key_that_reads_themes_see_the_same_theme() {
      var theme = Themes.created(tenant);

      for (String credential : new String[] {tenant.token(Role.ORG_ADMIN), tenant.token(Role.BILLING_ADMIN),
          tenant.token(Role.USER), tenant.apiKey("themes:read").secret()}) {
        ApiResponse r = get(credential);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(theme);
      }
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_organization_without_a_theme() {
      assertProblem(get(tenant.token(Role.ORG_ADMIN)), 404, "not_found");
    }

    @Test
    void another_organizations_theme_is_never_answered() {
      Themes.created(tenant);
      Tenant other = Themes.tenant();
      assertProblem(get(other.token(Role.ORG_ADMIN)), 404, "not_found");
    }
  }

  @Nested
  class Unauthorized {
    @Test
    void without_credentials() {
      assertProblem(Api.get("/api/v1/themes").send(), 401, "unauthenticated");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_key_without_a_themes_scope() {
      assertProblem(get(tenant.apiKey("keys:read").secret()), 403, "insufficient_scope");
    }
  }
}
