package dev.saaskit.notifications.feedback;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.json.Json;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The consumer of the {@code email-feedback} queue, where SES reports bounces and complaints through
 * SNS: a permanent bounce or a complaint suppresses the address (later deliveries to it end
 * {@code suppressed}), and the delivery SES reports on, found by SES's message id, is marked failed
 * with the reason. Transient bounces and other events change nothing. Takes SNS's envelope
 * ({@code {"Type": "Notification", "Message": "<json>"}}) or, with raw delivery, SES's JSON itself,
 * as notification ({@code notificationType}) or event publishing ({@code eventType}). Applying one
 * report twice changes nothing more.
 */
public final class RecordEmailFeedback implements QueueConsumer<JsonNode> {

  @Override
  public void consume(Delivery<JsonNode> delivery) {
    JsonNode report = delivery.message();
    if (report.path("Message").isString() && report.has("Type")) {
      report = Json.tree(report.path("Message").asString());
    }
    String type = report.path("notificationType").asString(report.path("eventType").asString(""));
    Handle db = delivery.db();
    String sesMessageId = report.path("mail").path("messageId").asString(null);
    switch (type) {
      case "Bounce" -> {
        JsonNode bounce = report.path("bounce");
        if (!"Permanent".equals(bounce.path("bounceType").asString())) {
          return;
        }
        for (JsonNode recipient : bounce.path("bouncedRecipients")) {
          String detail = recipient.path("diagnosticCode").asString(bounce.path("bounceSubType").asString(null));
          suppress(db, recipient.path("emailAddress").asString(null), "bounce", detail, sesMessageId);
        }
      }
      case "Complaint" -> {
        JsonNode complaint = report.path("complaint");
        for (JsonNode recipient : complaint.path("complainedRecipients")) {
          suppress(db, recipient.path("emailAddress").asString(null), "complaint",
              complaint.path("complaintFeedbackType").asString(null), sesMessageId);
        }
      }
      case "" -> throw new IllegalArgumentException("not an SES bounce or complaint report: no notificationType or eventType");
      default -> {
        // Deliveries, sends, opens: nothing to suppress.
      }
    }
  }

  private static void suppress(Handle db, String address, String reason, String detail, String sesMessageId) {
    if (address == null || address.isBlank()) {
      return;
    }
    Suppressions.add(db, address, reason, detail);
    if (sesMessageId != null) {
      db.createUpdate(
              """
              update notification_deliveries set status = 'failed', reason = :reason, updated_at = now()
               where provider = 'ses' and provider_message_id = :id and lower(address) = :address and status = 'sent'
              """)
          .bind("reason", reason + (detail == null ? "" : ": " + detail))
          .bind("id", sesMessageId)
          .bind("address", Suppressions.normalize(address))
          .execute();
    }
  }
}
