package dev.saaskit.notifications.sending;

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

class GetNotificationTest {

  final Tenant tenant = Notify.tenant();

  ApiResponse get(Object id, String bearer) {
    return Api.get("/api/v1/notifications/" + id).bearer(bearer).send();
  }

  @Nested
  class Ok {
    @Test
    void the_admin_and_a_key_see_every_delivery() {
      UUID id = Notify.inApp(tenant, "for two", Role.USER, Role.BILLING_ADMIN);

      JsonNode byAdmin = get(id, tenant.token(Role.ORG_ADMIN)).json();
      JsonNode byKey = get(id, tenant.apiKey("notifications:read").secret()).json();

      assertThat(byAdmin.path("deliveries")).hasSize(2);
      assertThat(byKey.path("deliveries")).hasSize(2);
      assertThat(byAdmin.path("deliveries").findValuesAsString("status")).containsOnly("sent");
    }

    @Test
    void a_recipient_sees_their_own_copy_and_delivery_only() {
      UUID id = Notify.inApp(tenant, "for two", Role.USER, Role.BILLING_ADMIN);

      JsonNode mine = get(id, tenant.token(Role.USER)).json();

      assertThat(mine.path("body").asString()).isEqualTo("for two");
      assertThat(mine.path("deliveries")).singleElement()
          .satisfies(d -> assertThat(d.path("user_id").asString()).isEqualTo(tenant.member(Role.USER).toString()));
      assertThat(mine.path("read_at").isNull()).isTrue();
    }
  }

  @Nested
  class NotFound {
    @Test
    void a_member_who_did_not_receive_it() {
      UUID id = Notify.inApp(tenant, "only for the billing admin", Role.BILLING_ADMIN);
      assertThat(get(id, tenant.token(Role.USER)).status()).isEqualTo(404);
    }

    @Test
    void another_organizations_message_by_its_admin_its_key_or_its_member() {
      UUID id = Notify.inApp(tenant, "ours", Role.USER);
      Tenant other = Notify.tenant();
      assertThat(get(id, other.token(Role.ORG_ADMIN)).status()).isEqualTo(404);
      assertThat(get(id, other.apiKey("notifications:read").secret()).status()).isEqualTo(404);
      assertThat(get(id, other.token(Role.USER)).status()).isEqualTo(404);
    }

    @Test
    void a_platform_message_to_an_address_belongs_to_no_organization() {
      UUID id = UUID.fromString(Notify.rows("select id from notifications where organization_id is null limit 1").stream()
          .findFirst().map(r -> r.get("id").toString()).orElse(UUID.randomUUID().toString()));
      assertThat(get(id, tenant.token(Role.ORG_ADMIN)).status()).isEqualTo(404);
    }
  }

  @Nested
  class BadRequest {
    @Test
    void an_id_that_is_not_a_uuid() {
      assertThat(get("x", tenant.token(Role.ORG_ADMIN)).problem()).isEqualTo("invalid_parameter");
    }
  }
}
