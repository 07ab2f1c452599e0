package dev.saaskit.notifications.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GetPreferences} and {@code UpdatePreferences}. */
class PreferencesTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse put(Role role, Object body) {
    return Api.put("/api/v1/notifications/preferences").bearer(tenant.token(role)).json(body).send();
  }

  JsonNode get(Role role) {
    return Api.get("/api/v1/notifications/preferences").bearer(tenant.token(role)).send().json();
  }

  @Nested
  class Ok {
    @Test
    void everything_is_on_until_turned_off() {
      JsonNode p = get(Role.USER);
      assertThat(p.path("categories").path("updates").path("email").asBoolean()).isTrue();
      assertThat(p.path("categories").path("security").path("sms").asBoolean()).isTrue();
      assertThat(p.path("always_on").get(0).asString()).isEqualTo("security");
    }

    @Test
    void a_change_touches_only_what_it_names_and_only_the_caller() {
      put(Role.USER, Map.of("categories", Map.of("updates", Map.of("email", false))));
      JsonNode after = put(Role.USER, Map.of("categories", Map.of("billing", Map.of("sms", false)))).json();

      assertThat(after.path("categories").path("updates").path("email").asBoolean()).isFalse();
      assertThat(after.path("categories").path("updates").path("in_app").asBoolean()).isTrue();
      assertThat(after.path("categories").path("billing").path("sms").asBoolean()).isFalse();
      assertThat(get(Role.BILLING_ADMIN).path("categories").path("updates").path("email").asBoolean()).isTrue();
      assertThat(Notify.rows("select action from audit_logs where resource_id = ?", tenant.member(Role.USER).toString()))
          .extracting(r -> r.get("action")).contains("notification_preferences.updated");
    }
  }

  @Nested
  class BadRequest {
    void refused(Object body, String field) {
      ApiResponse r = put(Role.USER, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void security_unknown_categories_channels_and_missing_values() {
      refused(Map.of("categories", Map.of("security", Map.of("email", false))), "categories.security");
      refused(Map.of("categories", Map.of("gossip", Map.of("email", false))), "categories.gossip");
      refused(Map.of("categories", Map.of("updates", Map.of("fax", false))), "categories.updates.fax");
      refused("{\"categories\": {\"updates\": {\"email\": null}}}", "categories.updates.email");
      refused(Map.of(), "categories");
      assertThat(put(Role.USER, "{\"categories\": {\"updates\": {\"email\": \"no\"}}}").status()).isEqualTo(400);
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void an_api_key() {
      assertThat(Api.get("/api/v1/notifications/preferences").bearer(tenant.apiKey("notifications:read").secret()).send().status())
          .isEqualTo(401);
    }
  }
}
