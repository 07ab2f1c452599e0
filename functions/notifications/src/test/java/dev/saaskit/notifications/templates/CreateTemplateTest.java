package dev.saaskit.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CreateTemplateTest {

  final Tenant tenant = Notify.tenant();

  static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
    Map<String, Object> copy = new HashMap<>(base);
    if (value == null) {
      copy.remove(field);
    } else {
      copy.put(field, value);
    }
    return copy;
  }

  @Nested
  class Ok {
    @Test
    void creates_version_1_of_the_organizations_template_and_audits_it() {
      JsonNode t = TemplatesApi.created(tenant, TemplatesApi.digest());

      assertThat(t.path("organization_id").asString()).isEqualTo(tenant.organizationId().toString());
      assertThat(t.path("platform_default").asBoolean()).isFalse();
      assertThat(t.path("version").asInt()).isEqualTo(1);
      assertThat(t.path("locale").asString()).isEqualTo("en");
      assertThat(t.path("category").asString()).isEqualTo("updates");
      assertThat(t.path("variables")).hasSize(2);
      assertThat(Notify.rows("select action from audit_logs where resource_id = ?", t.path("id").asString()))
          .extracting(r -> r.get("action")).containsExactly("notification_template.created");
    }

    @Test
    void an_override_of_a_platform_default_keeps_its_category() {
      JsonNode t = TemplatesApi.created(tenant, Map.of("name", "verify_email", "channel", "email", "subject", "Verify",
          "body", "{{app_url}}/v?t={{token}}", "variables", List.of("token")));

      assertThat(t.path("category").asString()).isEqualTo("security");
    }

    @Test
    void an_sms_and_an_in_app_template() {
      assertThat(TemplatesApi.create(tenant, Map.of("name", "code", "channel", "sms", "body", "Code {{code}}", "variables", List.of("code"))).status())
          .isEqualTo(201);
      assertThat(TemplatesApi.create(tenant, Map.of("name", "code", "channel", "in_app", "body", "Code {{code}}", "variables", List.of("code"),
          "locale", "de-CH", "category", "account")).status()).isEqualTo(201);
    }
  }

  @Nested
  class BadRequest {
    void refused(Map<String, Object> body, String field) {
      ApiResponse r = TemplatesApi.create(tenant, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.problem()).isEqualTo("validation_failed");
      assertThat(r.json().path("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void a_variable_the_template_does_not_declare() {
      refused(with(TemplatesApi.digest(), "body", "Hello {{nmae}}"), "body");
    }

    @Test
    void an_unescaped_value_in_html() {
      refused(with(TemplatesApi.digest(), "html_body", "<p>{{{name}}}</p>"), "html_body");
    }

    @Test
    void a_template_that_does_not_compile_or_includes_a_partial() {
      refused(with(TemplatesApi.digest(), "body", "Hello {{#name}}"), "body");
      refused(with(TemplatesApi.digest(), "body", "Hello {{> footer}}"), "body");
    }

    @Test
    void an_email_without_subject_and_an_sms_with_one() {
      refused(with(TemplatesApi.digest(), "subject", null), "subject");
      refused(Map.of("name", "code", "channel", "sms", "subject", "no", "body", "x"), "subject");
      refused(Map.of("name", "code", "channel", "sms", "body", "x", "html_body", "<p>x</p>"), "html_body");
    }

    @Test
    void bad_names_channels_locales_and_variables() {
      refused(with(TemplatesApi.digest(), "name", "Weekly Digest"), "name");
      refused(with(TemplatesApi.digest(), "channel", "fax"), "channel");
      refused(with(TemplatesApi.digest(), "locale", "english"), "locale");
      refused(with(TemplatesApi.digest(), "variables", List.of("name", "name")), "variables");
      refused(with(TemplatesApi.digest(), "variables", List.of("app_url")), "variables[0]");
    }

    @Test
    void a_security_template_of_its_own_or_an_override_with_another_category_or_variables() {
      refused(with(TemplatesApi.digest(), "category", "security"), "category");
      refused(Map.of("name", "verify_email", "channel", "email", "subject", "V", "body", "x", "category", "updates"), "category");
      refused(Map.of("name", "verify_email", "channel", "email", "subject", "V", "body", "{{coupon}}", "variables", List.of("coupon")), "variables");
    }

    @Test
    void a_body_that_is_not_json_or_has_unknown_fields_is_400_not_500() {
      assertThat(Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.ORG_ADMIN)).json("[1").send().status()).isEqualTo(400);
      assertThat(TemplatesApi.create(tenant, with(TemplatesApi.digest(), "colour", "red")).status()).isEqualTo(400);
      assertThat(TemplatesApi.create(tenant, with(TemplatesApi.digest(), "variables", "name")).status()).isEqualTo(400);
    }
  }

  @Nested
  class Conflict {
    @Test
    void a_second_template_of_one_name_channel_and_locale() {
      TemplatesApi.created(tenant, TemplatesApi.digest());

      ApiResponse r = TemplatesApi.create(tenant, TemplatesApi.digest());

      assertThat(r.status()).isEqualTo(409);
      assertThat(r.json().path("code").asString()).isEqualTo("template_exists");
    }

    @Test
    void another_organization_may_have_one_of_the_same_name() {
      TemplatesApi.created(tenant, TemplatesApi.digest());
      assertThat(TemplatesApi.create(Notify.tenant(), TemplatesApi.digest()).status()).isEqualTo(201);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_and_an_api_key() {
      assertThat(Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.USER)).json(TemplatesApi.digest()).send().status())
          .isEqualTo(403);
      assertThat(Api.post("/api/v1/notifications/templates").bearer(tenant.apiKey("notifications:write").secret())
          .json(TemplatesApi.digest()).send().status()).isEqualTo(401);
    }
  }
}
