package dev.saaskit.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The in-app inbox: {@code ListNotifications}, {@code MarkNotificationRead}, {@code MarkAllNotificationsRead}, {@code ArchiveNotification}. */
class InboxTest {

  final Tenant tenant = Notify.tenant();

  JsonNode inbox(Role role, String query) {
    ApiResponse r = Api.get("/api/v1/notifications" + query).bearer(tenant.token(role)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  ApiResponse post(UUID id, String action, Role role) {
    return Api.post("/api/v1/notifications/" + id + "/" + action).bearer(tenant.token(role)).send();
  }

  static List<String> bodies(JsonNode page) {
    List<String> bodies = new ArrayList<>();
    page.path("data").forEach(n -> bodies.add(n.path("body").asString()));
    return bodies;
  }

  @Nested
  class ListNotificationsOk {
    @Test
    void a_member_sees_only_their_own_messages_newest_first_with_counts() {
      Notify.inApp(tenant, "first", Role.USER);
      Notify.inApp(tenant, "second", Role.USER, Role.BILLING_ADMIN);
      Notify.inApp(tenant, "not mine", Role.BILLING_ADMIN);
      Notify.inApp(Notify.tenant(), "another organization", Role.USER);

      JsonNode page = inbox(Role.USER, "");

      assertThat(bodies(page)).containsExactly("second", "first");
      assertThat(page.path("counts").path("unread").asInt()).isEqualTo(2);
      assertThat(bodies(inbox(Role.BILLING_ADMIN, ""))).containsExactly("not mine", "second");
      assertThat(bodies(inbox(Role.ORG_ADMIN, ""))).isEmpty();
    }

    @Test
    void pages_with_a_cursor_and_filters_by_status() {
      for (int i = 0; i < 3; i++) {
        Notify.inApp(tenant, "n" + i, Role.USER);
      }
      JsonNode first = inbox(Role.USER, "?limit=2");
      JsonNode rest = inbox(Role.USER, "?limit=2&cursor=" + first.path("next_cursor").asString());
      assertThat(bodies(first)).containsExactly("n2", "n1");
      assertThat(bodies(rest)).containsExactly("n0");
      assertThat(rest.path("next_cursor").isNull()).isTrue();

      post(UUID.fromString(first.path("data").get(0).path("id").asString()), "read", Role.USER);
      assertThat(bodies(inbox(Role.USER, "?status=read"))).containsExactly("n2");
      assertThat(bodies(inbox(Role.USER, "?status=unread"))).containsExactly("n1", "n0");
    }
  }

  @Nested
  class ListNotificationsBadRequest {
    @Test
    void an_unknown_status_or_limit() {
      assertThat(Api.get("/api/v1/notifications?status=new").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
      assertThat(Api.get("/api/v1/notifications?limit=0").bearer(tenant.token(Role.USER)).send().problem()).isEqualTo("invalid_parameter");
    }
  }

  @Nested
  class ReadAndArchiveOk {
    @Test
    void read_archive_and_read_all() {
      UUID a = Notify.inApp(tenant, "a", Role.USER);
      UUID b = Notify.inApp(tenant, "b", Role.USER);
      Notify.inApp(tenant, "c", Role.USER);

      JsonNode read = post(a, "read", Role.USER).json();
      JsonNode again = post(a, "read", Role.USER).json();
      assertThat(read.path("read_at").asString()).isNotBlank().isEqualTo(again.path("read_at").asString());

      JsonNode archived = post(b, "archive", Role.USER).json();
      assertThat(archived.path("archived_at").asString()).isNotBlank();
      assertThat(bodies(inbox(Role.USER, ""))).containsExactly("c", "a");
      assertThat(bodies(inbox(Role.USER, "?status=archived"))).containsExactly("b");

      JsonNode all = Api.post("/api/v1/notifications/read-all").bearer(tenant.token(Role.USER)).send().json();
      assertThat(all.path("marked").asInt()).isEqualTo(1);
      assertThat(inbox(Role.USER, "").path("counts").path("unread").asInt()).isZero();
    }

    @Test
    void read_all_leaves_other_members_untouched() {
      Notify.inApp(tenant, "both", Role.USER, Role.BILLING_ADMIN);
      Api.post("/api/v1/notifications/read-all").bearer(tenant.token(Role.USER)).send();
      assertThat(inbox(Role.BILLING_ADMIN, "").path("counts").path("unread").asInt()).isEqualTo(1);
    }
  }

  @Nested
  class ReadAndArchiveNotFound {
    @Test
    void another_members_message_an_unknown_one_and_another_organizations() {
      UUID theirs = Notify.inApp(tenant, "theirs", Role.BILLING_ADMIN);
      Tenant other = Notify.tenant();
      UUID elsewhere = Notify.inApp(other, "elsewhere", Role.USER);

      assertThat(post(theirs, "read", Role.USER).status()).isEqualTo(404);
      assertThat(post(theirs, "archive", Role.USER).status()).isEqualTo(404);
      assertThat(post(UUID.randomUUID(), "read", Role.USER).status()).isEqualTo(404);
      assertThat(post(elsewhere, "read", Role.USER).status()).isEqualTo(404);
      assertThat(Notify.rows("select read_at from notification_deliveries where notification_id = ?", theirs).get(0).get("read_at")).isNull();
    }
  }

  @Nested
  class Unauthenticated {
    @Test
    void an_api_key_has_no_inbox() {
      assertThat(Api.get("/api/v1/notifications").bearer(tenant.apiKey("notifications:read").secret()).send().status()).isEqualTo(401);
    }
  }
}
