package dev.saaskit.notifications.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.notifications.Smtp;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Events;
import dev.saaskit.testkit.Lambda;
import dev.saaskit.testkit.MotoServer;
import dev.saaskit.testkit.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code notifications-dispatch} schedule: due {@code send_at}s and due retries. */
class DispatchNotificationsTest {

  static final String SCHEDULE = "arn:aws:scheduler:us-east-1:000000000000:schedule/default/notifications-dispatch";

  final Tenant tenant = Notify.tenant();

  static JsonNode dispatch() {
    return Json.tree(Lambda.invoke("notifications-dispatch", Events.scheduled(SCHEDULE).toString()));
  }

  /** Makes the address's queued deliveries due now, as if their time had come. */
  static void due(String address) {
    Notify.sql("update notification_deliveries set next_attempt_at = now() - interval '1 second' where address = ? and status = 'queued'", address);
  }

  UUID later(String to) {
    return UUID.fromString(Notify.sent(tenant, Map.of("content", Map.of("subject", "Later", "body", "x"),
        "recipients", List.of(Map.of("email", to)), "channels", List.of("email"),
        "send_at", Instant.now().plusSeconds(600).toString())).path("id").asString());
  }

  @Nested
  class Ok {
    @Test
    void sends_what_reached_its_send_at_and_nothing_before() {
      String to = Notify.address();
      later(to);

      dispatch();
      assertThat(Smtp.to(to)).isEmpty();

      due(to);
      JsonNode result = dispatch();

      assertThat(result.path("sent").asInt()).isGreaterThanOrEqualTo(1);
      assertThat(Smtp.to(to)).hasSize(1);
      assertThat(Notify.deliveriesTo(to)).singleElement().satisfies(d -> assertThat(d.get("status")).isEqualTo("sent"));
      dispatch();
      assertThat(Smtp.to(to)).hasSize(1);
    }
  }

  @Nested
  class Retries {
    @Test
    void a_relay_that_is_down_is_tried_again_later_with_its_reason_recorded_then_sent() {
      String to = Notify.address();
      later(to);
      due(to);
      int deadPort = MotoServer.freePort();

      Lambda.withSettings(Map.of("SMTP_PORT", String.valueOf(deadPort)), () ->
          Lambda.invoke(Lambda.coldStart("notifications-dispatch"), Events.scheduled(SCHEDULE).toString()));

      Map<String, Object> failed = Notify.deliveriesTo(to).get(0);
      assertThat(failed.get("status")).isEqualTo("queued");
      assertThat(failed.get("attempts")).isEqualTo(1);
      assertThat((String) failed.get("reason")).startsWith("smtp: unavailable");
      assertThat(((java.sql.Timestamp) failed.get("next_attempt_at")).toInstant()).isAfter(Instant.now().plusSeconds(30));
      assertThat(Smtp.to(to)).isEmpty();

      due(to);
      dispatch();

      assertThat(Smtp.to(to)).hasSize(1);
      assertThat(Notify.deliveriesTo(to).get(0)).satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("sent");
        assertThat(d.get("attempts")).isEqualTo(2);
      });
    }

    @Test
    void after_the_last_attempt_the_delivery_fails_and_its_variables_are_erased() {
      String to = Notify.address();
      UUID id = later(to);
      Notify.sql("update notification_deliveries set attempts = 4 where address = ?", to);
      due(to);

      Lambda.withSettings(Map.of("SMTP_PORT", String.valueOf(MotoServer.freePort())), () ->
          Lambda.invoke(Lambda.coldStart("notifications-dispatch"), Events.scheduled(SCHEDULE).toString()));

      assertThat(Notify.deliveriesTo(to).get(0)).satisfies(d -> {
        assertThat(d.get("status")).isEqualTo("failed");
        assertThat(d.get("attempts")).isEqualTo(5);
        assertThat(d.get("next_attempt_at")).isNull();
      });
      assertThat(Notify.rows("select variables from notifications where id = ?", id).get(0).get("variables")).isNull();
    }
  }
}
