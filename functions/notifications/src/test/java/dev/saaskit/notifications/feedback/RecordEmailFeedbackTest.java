package dev.saaskit.notifications.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.saaskit.notifications.Notify;
import dev.saaskit.notifications.QueuePump;
import dev.saaskit.notifications.Smtp;
import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.Tenant;
import dev.saaskit.testkit.TestQueues;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SES's bounce and complaint reports on the {@code email-feedback} queue, as SNS delivers them. */
class RecordEmailFeedbackTest {

  static final String QUEUE = "email-feedback";

  static String bounce(String address, String type) {
    return """
        {"notificationType": "Bounce",
         "bounce": {"bounceType": "%s", "bounceSubType": "General", "timestamp": "2030-01-01T00:00:00.000Z", "feedbackId": "f-1",
                    "bouncedRecipients": [{"emailAddress": "%s", "action": "failed", "status": "5.1.1",
                                           "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]},
         "mail": {"timestamp": "2030-01-01T00:00:00.000Z", "messageId": "ses-%s", "source": "no-reply@saaskit.test",
                  "destination": ["%s"]}}
        """.formatted(type, address, UUID.randomUUID(), address);
  }

  /** SNS's envelope around a message, as a subscription without raw delivery hands it to SQS. */
  static String viaSns(String message) {
    return Json.write(Map.of("Type", "Notification", "MessageId", UUID.randomUUID().toString(),
        "TopicArn", "arn:aws:sns:us-east-1:000000000000:ses-feedback", "Message", message, "Timestamp", "2030-01-01T00:00:00.000Z"));
  }

  static void report(String body) {
    QueuePump.publish(QUEUE, body, UUID.randomUUID().toString());
    QueuePump.drain(QUEUE, "record-email-feedback");
  }

  static String sendTo(Tenant tenant, String to) {
    return Notify.sent(tenant, Map.of("content", Map.of("subject", "Hello", "body", "x"), "recipients", List.of(Map.of("email", to)),
        "channels", List.of("email"))).path("deliveries").get(0).path("status").asString()
        + (Notify.deliveriesTo(to).isEmpty() ? "" : ":" + Notify.deliveriesTo(to).get(Notify.deliveriesTo(to).size() - 1).get("reason"));
  }

  @Nested
  class Ok {
    @Test
    void a_permanent_bounce_suppresses_the_address_for_later_sends() {
      String to = Notify.address();
      report(viaSns(bounce(to.toUpperCase(java.util.Locale.ROOT), "Permanent")));

      assertThat(Notify.rows("select reason, detail from email_suppressions where address = ?", to))
          .singleElement().satisfies(r -> assertThat(r.get("detail")).isEqualTo("smtp; 550 5.1.1 user unknown"));
      assertThat(sendTo(Notify.tenant(), to)).isEqualTo("suppressed:bounce");
    }

    @Test
    void a_complaint_as_raw_event_publishing() {
      String to = Notify.address();
      report("""
          {"eventType": "Complaint", "complaint": {"complainedRecipients": [{"emailAddress": "%s"}], "complaintFeedbackType": "abuse"},
           "mail": {"messageId": "ses-x"}}
          """.formatted(to));

      assertThat(Notify.rows("select reason from email_suppressions where address = ?", to)).singleElement()
          .satisfies(r -> assertThat(r.get("reason")).isEqualTo("complaint"));
    }

    @Test
    void a_transient_bounce_and_a_delivery_report_change_nothing() {
      String to = Notify.address();
      report(viaSns(bounce(to, "Transient")));
      report(viaSns("{\"notificationType\": \"Delivery\", \"mail\": {\"messageId\": \"m\"}, \"delivery\": {\"recipients\": [\"" + to + "\"]}}"));

      assertThat(Notify.rows("select * from email_suppressions where address = ?", to)).isEmpty();
      assertThat(sendTo(Notify.tenant(), to)).isEqualTo("queued:null");
    }

    @Test
    void the_same_report_twice_is_one_suppression() {
      String to = Notify.address();
      String report = viaSns(bounce(to, "Permanent"));
      report(report);
      report(report);
      assertThat(Notify.rows("select * from email_suppressions where address = ?", to)).hasSize(1);
    }
  }

  @Nested
  class Poison {
    @Test
    void a_report_that_is_not_ses_json_goes_to_the_dead_letter_queue() {
      String marker = UUID.randomUUID().toString();
      report("{\"hello\": \"" + marker + "\"}");
      assertThat(TestQueues.get().take(QUEUE + "-dlq", 1)).anySatisfy(m -> assertThat(m.body()).contains(marker));
      Smtp.server();
    }
  }
}
