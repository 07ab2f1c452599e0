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
import tools.jackson.databind.JsonNode;

class UpdateTemplateTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse put(Object id, Object body) {
    return Api.put("/api/v1/notifications/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  static Map<String, Object> content(String subject) {
    return Map.of("subject", subject, "body", "Hi {{name}}", "variables", List.of("name"));
  }

  @Nested
  class Ok {
    @Test
    void each_change_is_a_new_version_and_old_versions_stay_readable() {
      UUID id = TemplatesApi.id(TemplatesApi.created(tenant, TemplatesApi.digest()));

      JsonNode v2 = put(id, content("Second")).json();
      JsonNode v3 = put(id, content("Third")).json();

      assertThat(v2.path("version").asInt()).isEqualTo(2);
      assertThat(v3.path("version").asInt()).isEqualTo(3);
      assertThat(v3.path("html_body").isNull()).isTrue();
      JsonNode first = Api.get("/api/v1/notifications/templates/" + id + "?version=1").bearer(tenant.token(Role.ORG_ADMIN)).send().json();
      assertThat(first.path("subject").asString()).isEqualTo("Your week, {{name}}");
      assertThat(first.path("latest_version").asInt()).isEqualTo(3);
      assertThat(Notify.rows("select action from audit_logs where resource_id = ?", id.toString())).hasSize(3);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void content_the_channel_does_not_take() {
      UUID id = TemplatesApi.id(TemplatesApi.created(tenant, Map.of("name", "code", "channel", "sms", "body", "x")));
      ApiResponse r = put(id, content("An SMS has no subject"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).contains("subject");
    }

    @Test
    void an_undeclared_variable() {
      UUID id = TemplatesApi.id(TemplatesApi.created(tenant, TemplatesApi.digest()));
      assertThat(put(id, Map.of("subject", "S", "body", "{{who}}")).status()).isEqualTo(400);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_platform_default() {
      ApiResponse r = put(TemplatesApi.VERIFY_EMAIL_DEFAULT, content("Mine now"));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.json().path("code").asString()).isEqualTo("platform_template");
    }
  }

  @Nested
  class NotFound {
    @Test
    void an_unknown_or_deleted_template_and_another_organizations() {
      UUID id = TemplatesApi.id(TemplatesApi.created(tenant, TemplatesApi.digest()));
      UUID others = TemplatesApi.id(TemplatesApi.created(Notify.tenant(), TemplatesApi.digest()));
      Api.delete("/api/v1/notifications/templates/" + id).bearer(tenant.token(Role.ORG_ADMIN)).send();

      assertThat(put(UUID.randomUUID(), content("x")).status()).isEqualTo(404);
      assertThat(put(id, content("x")).status()).isEqualTo(404);
      assertThat(put(others, content("x")).status()).isEqualTo(404);
    }
  }
}
