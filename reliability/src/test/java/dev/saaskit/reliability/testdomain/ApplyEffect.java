package dev.saaskit.reliability.testdomain;

import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;

/**
 * Consumes queue {@code effects} the way the platform's consumers are written: in the delivery's transaction,
 * idempotent on the publisher's id ({@code on conflict do nothing}, as notifications' consumer is). Each
 * committed delivery is also counted, so the test sees how many duplicates the de-duplication absorbed.
 * Failures come from the message itself, deterministically: {@code fail_until_receive} makes every delivery up to
 * that receive count throw after writing (so a failure must roll its writes back), {@code always} every one.
 */
public final class ApplyEffect implements QueueConsumer<ApplyEffect.Message> {

  public record Message(int number, String fail, Integer failUntilReceive) {}

  @Override
  public void consume(Delivery<Message> delivery) {
    Message m = delivery.message();
    delivery.db().createUpdate("insert into reliability_deliveries (published_id, receive_count) values (:p, :r)")
        .bind("p", delivery.publishedId()).bind("r", delivery.receiveCount()).execute();
    delivery.db().createUpdate("""
        insert into reliability_effects (published_id, number) values (:p, :n) on conflict (published_id) do nothing""")
        .bind("p", delivery.publishedId()).bind("n", m.number()).execute();
    if ("always".equals(m.fail())
        || "until_receive".equals(m.fail()) && delivery.receiveCount() <= (m.failUntilReceive() == null ? 1 : m.failUntilReceive())) {
      throw new IllegalStateException("message " + m.number() + " fails on purpose (receive " + delivery.receiveCount() + ")");
    }
  }
}
