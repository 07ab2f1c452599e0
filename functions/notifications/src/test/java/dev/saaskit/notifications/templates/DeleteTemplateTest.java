package dev.saaskit.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DeleteTemplateTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse delete(Object id) {
    return Api.delete("/api/v1/notifications/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  @Nested
  class Ok {
    @Test
    void deleting_an_override_brings_the_platform_default_back() {
      UUID id = TemplatesApi.id(TemplatesApi.created(tenant, Map.of("name", "verify_email", "channel", "email", "subject", "Ours",
          "body", "{{token}}", "variables", List.of("token"))));

      assertThat(delete(id).status()).isEqualTo(204);

      assertThat(Api.get("/api/v1/notifications/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send().status()).isEqualTo(404);
      assertThat(TemplatesApi.create(tenant, Map.of("name", "verify_email", "channel", "email", "subject", "Again", "body", "x")).status())
          .isEqualTo(201);
      assertThat(Notify.rows("select action from audit_logs where resource_id = ?", id.toString()))
          .extracting(r -> r.get("action")).contains("notification_template.deleted");
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_platform_default() {
      ApiResponse r = delete(TemplatesApi.VERIFY_EMAIL_DEFAULT);
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("code").asString()).isEqualTo("platform_template");
    }
  }

  @Nested
  class NotFound {
    @Test
    void another_organizations_template_and_a_second_delete() {
      UUID others = TemplatesApi.id(TemplatesApi.created(Notify.tenant(), TemplatesApi.digest()));
      UUID own = TemplatesApi.id(TemplatesApi.created(tenant, TemplatesApi.digest()));
      delete(own);

      assertThat(delete(others).status()).isEqualTo(404);
      assertThat(delete(own).status()).isEqualTo(404);
    }
  }
}
