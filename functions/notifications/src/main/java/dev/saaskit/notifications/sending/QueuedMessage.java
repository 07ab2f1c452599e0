package dev.saaskit.notifications.sending;

import dev.saaskit.shared.queue.OrganizationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * What the notifications queue carries: either a message another domain publishes for a person
 * ({@code template}, {@code to}, {@code variables}, {@code organization_id}: the runtime's {@code
 * dev.saaskit.shared.outbox.Notification}), or {@code notification_id}, a message sent through the
 * API whose deliveries are due now.
 */
public record QueuedMessage(String template, String to, Map<String, Object> variables, UUID organizationId, UUID notificationId) implements OrganizationScoped {

  static QueuedMessage due(UUID notificationId) {
    return new QueuedMessage(null, null, null, null, notificationId);
  }
}
