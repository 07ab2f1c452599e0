package dev.saaskit.support.comments;

import java.time.Instant;
import java.util.UUID;

/**
 * A reply on a ticket, or an internal note.
 *
 * @param byAgent written by a support agent or super_admin
 * @param internal an internal note: only agents write and read it
 */
public record Comment(UUID id, UUID ticketId, UUID authorId, boolean byAgent, boolean internal, String body, Instant createdAt) {}
