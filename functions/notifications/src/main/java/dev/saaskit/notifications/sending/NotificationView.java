package dev.saaskit.notifications.sending;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message with its deliveries. The organization's admins and keys see every delivery; a member
 * who received it sees their own, and their in-app copy ({@code subject}, {@code body}, read and
 * archived) when there is one.
 *
 * @param template the template's name, or null for raw content
 * @param sendAt when it is (or was) due
 */
public record NotificationView(
    UUID id,
    String template,
    String category,
    String subject,
    String body,
    Instant sendAt,
    Instant createdAt,
    Instant readAt,
    Instant archivedAt,
    List<DeliveryView> deliveries) {}
