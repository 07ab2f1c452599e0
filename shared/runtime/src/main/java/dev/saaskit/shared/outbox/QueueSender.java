package dev.saaskit.shared.outbox;

/** Sends one message body to a named queue of the catalog. */
public interface QueueSender {

  void send(String queue, String body, String correlationId);
}
