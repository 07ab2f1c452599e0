package dev.saaskit.shared.outbox;

import java.util.UUID;

/** Sends one message body to a named queue of the catalog. */
public interface QueueSender {

  /**
   * @param publishedId the message's own id (its outbox row's), the same on every send of it, so a
   *     consumer can tell a message sent twice (the relay's retry) from two messages
   * @param delaySeconds how long the queue holds the message before delivering it (0 to 900)
   */
  void send(String queue, String body, String correlationId, UUID publishedId, int delaySeconds);
}
