package dev.saaskit.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GetTemplateTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse get(Object idAndQuery) {
    return Api.get("/api/v1/notifications/templates/" + idAndQuery).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void the_organizations_own_template() {
      JsonNode created = TemplatesApi.created(tenant, TemplatesApi.digest());
      assertThat(get(created.path("id").asString()).json()).isEqualTo(created);
    }

    @Test
    void a_platform_default_with_its_link() {
      JsonNode t = get(TemplatesApi.VERIFY_EMAIL_DEFAULT).json();
      assertThat(t.path("platform_default").asBoolean()).isTrue();
      assertThat(t.path("name").asString()).isEqualTo("verify_email");
      assertThat(t.path("body").asString()).contains("{{app_url}}/verify-email?token={{token}}");
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_or_version_that_is_not_valid() {
      assertThat(get("12").problem()).isEqualTo("invalid_parameter");
      assertThat(get(TemplatesApi.VERIFY_EMAIL_DEFAULT + "?version=0").problem()).isEqualTo("invalid_parameter");
      assertThat(get(TemplatesApi.VERIFY_EMAIL_DEFAULT + "?version=x").problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_template_an_unknown_one_and_a_version_that_does_not_exist() {
      UUID others = TemplatesApi.id(TemplatesApi.created(Notify.tenant(), TemplatesApi.digest()));
      assertThat(get(others).status()).isEqualTo(404);
      assertThat(get(UUID.randomUUID()).status()).isEqualTo(404);
      assertThat(get(TemplatesApi.VERIFY_EMAIL_DEFAULT + "?version=9").status()).isEqualTo(404);
    }
  }
}
