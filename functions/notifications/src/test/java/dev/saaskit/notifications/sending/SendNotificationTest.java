package dev.saaskit.notifications.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.notifications.QueuePump;
import dev.saaskit.notifications.Smtp;
import dev.saaskit.shared.identity.Role;
import dev.saaskit.testkit.Api;
import dev.saaskit.testkit.ApiResponse;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SendNotificationTest {

  final Tenant tenant = Notify.tenant();

  void digestTemplate() {
    Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("name", "digest", "channel", "email",
        "subject", "Week at {{company}}", "body", "Hi {{name}}: {{summary}}", "html_body", "<p>{{summary}}</p>",
        "variables", List.of("company", "name", "summary"))).send();
    Api.post("/api/v1/notifications/templates").bearer(tenant.token(Role.ORG_ADMIN)).json(Map.of("name", "digest", "channel", "in_app",
        "subject", "Your week", "body", "{{summary}}", "variables", List.of("summary"))).send();
  }

  Map<String, Object> digest(Object... recipients) {
    Map<String, Object> m = new HashMap<>();
    m.put("template", "digest");
    m.put("variables", Map.of("company", "Engines", "name", "Ada", "summary", "<b>3</b> new"));
    m.put("recipients", List.of(recipients));
    m.put("channels", List.of("email", "in_app"));
    return m;
  }

  static String status(JsonNode view, String channel, String addressOrUser) {
    for (JsonNode d : view.path("deliveries")) {
      if (d.path("channel").asString().equals(channel)
          && (addressOrUser.equals(d.path("address").asString()) || addressOrUser.equals(d.path("user_id").asString()))) {
        return d.path("status").asString() + (d.path("reason").isNull() ? "" : ":" + d.path("reason").asString());
      }
    }
    return null;
  }

  @Nested
  class Ok {
    @Test
    void a_template_to_a_member_and_an_address_on_two_channels() {
      digestTemplate();
      UUID member = tenant.member(Role.USER);
      String memberEmail = Notify.email(tenant, Role.USER);
      String outsider = Notify.address();

      JsonNode view = Notify.sent(tenant, digest(Map.of("user_id", member), Map.of("email", outsider)));

      assertThat(view.path("deliveries")).hasSize(4);
      assertThat(status(view, "in_app", member.toString())).isEqualTo("sent");
      assertThat(status(view, "email", memberEmail)).isEqualTo("queued");
      assertThat(status(view, "email", outsider)).isEqualTo("queued");
      assertThat(status(view, "in_app", outsider)).isNull();
      assertThat(view.path("deliveries").findValuesAsString("reason")).contains("no_address");

      QueuePump.drain("notifications", "deliver-notifications");

      assertThat(Smtp.to(outsider)).singleElement().satisfies(m -> {
        assertThat(m.subject()).isEqualTo("Week at Engines");
        assertThat(m.text()).isEqualTo("Hi Ada: <b>3</b> new");
        assertThat(m.html()).isEqualTo("<p>&lt;b&gt;3&lt;/b&gt; new</p>");
      });
      assertThat(Smtp.to(memberEmail)).hasSize(1);
      JsonNode inbox = Api.get("/api/v1/notifications").bearer(tenant.token(Role.USER)).send().json();
      assertThat(inbox.path("data").get(0).path("body").asString()).isEqualTo("<b>3</b> new");
    }

    @Test
    void raw_content_to_an_address_sent_as_written() {
      String to = Notify.address();
      Notify.sent(tenant, Map.of("content", Map.of("subject", "Maintenance {{tonight}}", "body", "We are down at 22:00"),
          "recipients", List.of(Map.of("email", to)), "channels", List.of("email")));

      QueuePump.drain("notifications", "deliver-notifications");

      assertThat(Smtp.to(to)).singleElement().satisfies(m -> assertThat(m.subject()).isEqualTo("Maintenance {{tonight}}"));
    }

    @Test
    void with_an_api_key_and_a_send_at_it_waits_for_the_dispatch() {
      String to = Notify.address();
      Instant later = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      ApiResponse r = Api.post("/api/v1/notifications").bearer(tenant.apiKey("notifications:write").secret()).json(Map.of(
          "content", Map.of("subject", "Later", "body", "x"), "recipients", List.of(Map.of("email", to)), "channels", List.of("email"),
          "send_at", later.toString())).send();

      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      assertThat(Instant.parse(r.json().path("deliveries").get(0).path("next_attempt_at").asString())).isEqualTo(later);
      QueuePump.drain("notifications", "deliver-notifications");
      assertThat(Smtp.to(to)).isEmpty();
    }

    @Test
    void a_member_who_turned_the_category_off_and_a_bounced_address_are_suppressed() {
      UUID member = tenant.member(Role.USER);
      Api.put("/api/v1/notifications/preferences").bearer(tenant.token(Role.USER))
          .json(Map.of("categories", Map.of("updates", Map.of("email", false)))).send();
      String bounced = Notify.address();
      Notify.sql("insert into email_suppressions (address, reason) values (?, 'complaint')", bounced);

      JsonNode view = Notify.sent(tenant, Map.of("content", Map.of("subject", "News", "body", "x"),
          "recipients", List.of(Map.of("user_id", member), Map.of("email", bounced)), "channels", List.of("email", "in_app")));

      assertThat(status(view, "email", Notify.email(tenant, Role.USER))).isEqualTo("suppressed:preference");
      assertThat(status(view, "in_app", member.toString())).isEqualTo("sent");
      assertThat(status(view, "email", bounced)).isEqualTo("suppressed:complaint");
    }

    @Test
    void an_idempotency_key_replays_the_answer_and_sends_once() {
      String to = Notify.address();
      Map<String, Object> body = Map.of("content", Map.of("subject", "Once", "body", "x"), "recipients", List.of(Map.of("email", to)),
          "channels", List.of("email"));
      ApiResponse first = Api.post("/api/v1/notifications").bearer(tenant.token(Role.ORG_ADMIN)).idempotencyKey("k-" + to).json(body).send();
      ApiResponse again = Api.post("/api/v1/notifications").bearer(tenant.token(Role.ORG_ADMIN)).idempotencyKey("k-" + to).json(body).send();

      QueuePump.drain("notifications", "deliver-notifications");

      assertThat(again.json()).isEqualTo(first.json());
      assertThat(again.header("idempotent-replayed")).isEqualTo("true");
      assertThat(Smtp.to(to)).hasSize(1);
    }
  }

  @Nested
  class BadRequest {
    void refused(Object body, String field) {
      ApiResponse r = Notify.send(tenant, body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().path("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void a_variable_the_template_needs_is_missing() {
      digestTemplate();
      Map<String, Object> body = digest(Map.of("email", Notify.address()));
      body.put("variables", Map.of("company", "Engines"));
      refused(body, "variables.summary");
    }

    @Test
    void a_template_without_a_version_for_the_channel_or_unknown() {
      digestTemplate();
      Map<String, Object> body = digest(Map.of("phone", "+41791234567"));
      body.put("channels", List.of("sms"));
      refused(body, "template");
      body.put("template", "nothing_like_it");
      refused(body, "template");
    }

    @Test
    void a_security_template_is_the_platforms_to_send() {
      refused(Map.of("template", "reset_password", "variables", Map.of("full_name", "x", "token", "fake", "expires_at", "soon"),
          "recipients", List.of(Map.of("email", Notify.address())), "channels", List.of("email")), "template");
    }

    @Test
    void recipients_that_are_no_members_or_not_valid() {
      Map<String, Object> body = new HashMap<>(Map.of("content", Map.of("subject", "S", "body", "B"), "channels", List.of("email")));
      body.put("recipients", List.of(Map.of("user_id", Notify.tenant().member(Role.USER))));
      refused(body, "recipients[0].user_id");
      body.put("recipients", List.of(Map.of("email", "not an address")));
      refused(body, "recipients[0].email");
      body.put("recipients", List.of(Map.of("phone", "0791234567")));
      refused(body, "recipients[0].phone");
      body.put("recipients", List.of(Map.of("email", "a@example.test", "phone", "+41791234567")));
      refused(body, "recipients[0]");
      body.put("recipients", List.of());
      refused(body, "recipients");
    }

    @Test
    void both_or_neither_of_template_and_content_channels_and_send_at() {
      refused(Map.of("recipients", List.of(Map.of("email", "a@example.test")), "channels", List.of("email")), "template");
      refused(Map.of("content", Map.of("body", "no subject"), "recipients", List.of(Map.of("email", "a@example.test")),
          "channels", List.of("email")), "content.subject");
      refused(Map.of("content", Map.of("subject", "S", "body", "B"), "recipients", List.of(Map.of("email", "a@example.test")),
          "channels", List.of("fax")), "channels[0]");
      refused(Map.of("content", Map.of("subject", "S", "body", "B"), "recipients", List.of(Map.of("email", "a@example.test")),
          "channels", List.of("email"), "send_at", Instant.now().plusSeconds(200L * 86400).toString()), "send_at");
      refused(Map.of("content", Map.of("subject", "S", "body", "B"), "recipients", List.of(Map.of("email", "a@example.test")),
          "channels", List.of("email"), "variables", Map.of("nested", Map.of("a", 1))), "variables.nested");
    }

    @Test
    void malformed_json_and_wrong_types_are_400_not_500() {
      assertThat(Notify.send(tenant, "{\"recipients\": ").status()).isEqualTo(400);
      assertThat(Notify.send(tenant, "{\"recipients\": 3, \"channels\": \"email\"}").status()).isEqualTo(400);
      assertThat(Notify.send(tenant, "{\"recipients\": [{\"user_id\": \"nope\"}], \"channels\": [\"in_app\"], \"content\": {\"body\": \"x\"}}").status())
          .isEqualTo(400);
    }
  }

  @Nested
  class Forbidden {
    @Test
    void a_member_or_a_key_without_the_scope() {
      Map<String, Object> body = Map.of("content", Map.of("body", "x"), "recipients", List.of(Map.of("user_id", tenant.member(Role.USER))),
          "channels", List.of("in_app"));
      assertThat(Api.post("/api/v1/notifications").bearer(tenant.token(Role.USER)).json(body).send().status()).isEqualTo(403);
      assertThat(Api.post("/api/v1/notifications").bearer(tenant.apiKey("notifications:read").secret()).json(body).send().problem())
          .isEqualTo("insufficient_scope");
    }
  }
}
