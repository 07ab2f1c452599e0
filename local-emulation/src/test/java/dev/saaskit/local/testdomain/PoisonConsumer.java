package dev.saaskit.local.testdomain;

import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Consumes queue {@code probe}: fails every message marked poison, records every other one. */
public final class PoisonConsumer implements QueueConsumer<PoisonConsumer.Message> {

  /** What the consumer processed, in this JVM; the tests read it. */
  public static final List<String> PROCESSED = new CopyOnWriteArrayList<>();

  /** Receive counts seen for poison messages, to show the redeliveries. */
  public static final List<Integer> POISON_RECEIVES = new CopyOnWriteArrayList<>();

  public record Message(String text, boolean poison) {}

  @Override
  public void consume(Delivery<Message> delivery) {
    if (delivery.message().poison()) {
      POISON_RECEIVES.add(delivery.receiveCount());
      throw new IllegalStateException("poison message " + delivery.message().text() + ", failing on purpose");
    }
    PROCESSED.add(delivery.message().text());
  }
}
