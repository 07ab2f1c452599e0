package dev.saaskit.shared.outbox;

import java.util.UUID;

/** A message stored in the outbox, waiting to be sent to its queue. */
public record OutboxMessage(UUID id, String queue, String body, String correlationId) {}
