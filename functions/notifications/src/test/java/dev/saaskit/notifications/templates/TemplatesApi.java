package dev.saaskit.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Templates made through the API, for the template tests. */
final class TemplatesApi {

  static final String VERIFY_EMAIL_DEFAULT = "01930000-0000-7000-8000-000000000001";

  private TemplatesApi() {}

  static Map<String, Object> digest() {
    return Map.of("name", "weekly_digest", "channel", "email", "subject", "Your week, {{name}}",
        "body", "Hello {{name}},\n{{summary}}", "html_body", "<p>Hello {{name}}</p>", "variables", List.of("name", "summary"));
  }

  static ApiResponse create(Tenant tenant, Object body) {
    return Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.ORG_ADMIN)).json(body).send();
  }

  static JsonNode created(Tenant tenant, Object body) {
    ApiResponse r = create(tenant, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static UUID id(JsonNode template) {
    return UUID.fromString(template.path("id").asString());
  }
}
