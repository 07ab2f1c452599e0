package dev.saaskit.shared.outbox;

import java.util.UUID;

/**
 * A message stored in the outbox, waiting to be sent to its queue.
 *
 * @param delaySeconds how long SQS is to hold the message before consumers see it (0 to 900)
 */
public record OutboxMessage(UUID id, String queue, String body, String correlationId, int delaySeconds) {}
