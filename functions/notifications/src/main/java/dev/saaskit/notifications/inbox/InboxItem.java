package dev.saaskit.notifications.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in a member's in-app inbox; {@code id} is the message's.
 *
 * @param receivedAt when it arrived in the inbox
 * @param readAt null while unread
 * @param archivedAt null unless archived
 */
public record InboxItem(UUID id, String category, String subject, String body, Instant receivedAt, Instant readAt, Instant archivedAt) {}
