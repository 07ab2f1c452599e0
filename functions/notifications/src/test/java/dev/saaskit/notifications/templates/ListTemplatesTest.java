package dev.saaskit.notifications.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ListTemplatesTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse list(String query) {
    return Api.get("/api/v1/notifications/templates" + query).bearer(tenant.token(Role.ORG_ADMIN)).send();
  }

  static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.path("data").forEach(t -> names.add(t.path("name").asString() + (t.path("platform_default").asBoolean() ? "*" : "")));
    return names;
  }

  @Nested
  class Ok {
    @Test
    void its_own_and_the_platforms_defaults_but_not_another_organizations() {
      TemplatesApi.created(tenant, TemplatesApi.digest());
      TemplatesApi.created(Notify.tenant(), java.util.Map.of("name", "others_only", "channel", "email", "subject", "S", "body", "B"));

      List<String> names = names(list("?limit=100").json());

      assertThat(names).contains("weekly_digest", "verify_email*", "reset_password*", "organization_invitation*",
          "email_change_requested*", "sign_up_attempted*", "password_reset_without_account*").doesNotContain("others_only");
    }

    @Test
    void narrowed_by_name_and_channel_and_paged() {
      TemplatesApi.created(tenant, TemplatesApi.digest());
      assertThat(names(list("?name=weekly_digest&channel=email").json())).containsExactly("weekly_digest");
      assertThat(names(list("?channel=sms").json())).isEmpty();
      JsonNode first = list("?limit=2").json();
      assertThat(first.path("data")).hasSize(2);
      JsonNode second = list("?limit=2&cursor=" + first.path("next_cursor").asString()).json();
      assertThat(names(second)).doesNotContainAnyElementsOf(names(first));
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_unknown_channel_a_bad_name_or_cursor() {
      assertThat(list("?channel=fax").problem()).isEqualTo("invalid_parameter");
      assertThat(list("?name=Bad%20Name").problem()).isEqualTo("invalid_parameter");
      assertThat(list("?cursor=nope").problem()).isEqualTo("invalid_parameter");
    }
  }
}
