package dev.saaskit.identity;

import dev.saaskit.shared.json.Json;
import dev.saaskit.testkit.TestQueues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

/**
 * The notifications queue as the tests read it. Every test shares the queue, so what is received
 * is kept here and each test picks its own messages by recipient, draining the queue as far as it
 * must.
 */
public final class Mailbox {

  private static final List<JsonNode> RECEIVED = new ArrayList<>();

  private Mailbox() {}

  /** The message of {@code template} to {@code to}, waiting a few seconds for it; removes it from the mailbox. */
  public static synchronized JsonNode take(String to, String template) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      Optional<JsonNode> found = find(to, template);
      if (found.isPresent()) {
        RECEIVED.remove(found.get());
        return found.get();
      }
      if (!receive() && System.nanoTime() > deadline) {
        throw new AssertionError("no " + template + " message to " + to + " on the notifications queue");
      }
    }
  }

  /** True when no message of {@code template} to {@code to} is on the queue. */
  public static synchronized boolean none(String to, String template) {
    while (receive()) {
      // Drain what is there: messages of earlier tests come first.
    }
    return find(to, template).isEmpty();
  }

  /** The token a message carries. */
  public static String token(String to, String template) {
    return take(to, template).path("variables").path("token").asString();
  }

  /** Receives what the queue has (waiting up to a second for it); false when it had nothing. */
  private static boolean receive() {
    List<Message> batch = TestQueues.get().take("notifications", 1);
    batch.forEach(m -> RECEIVED.add(Json.tree(m.body())));
    return !batch.isEmpty();
  }

  private static Optional<JsonNode> find(String to, String template) {
    return RECEIVED.stream()
        .filter(m -> m.path("to").asString().equals(to) && m.path("template").asString().equals(template))
        .findFirst();
  }
}
