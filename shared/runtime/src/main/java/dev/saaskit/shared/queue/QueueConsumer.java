package dev.saaskit.shared.queue;

/**
 * Handles one message of a queue. Throwing marks just this message as failed: SQS delivers it
 * again after the visibility timeout, and after the catalog's {@code max_receives} moves it to the
 * queue's DLQ. Delivery is at least once, so handling the same message twice must be harmless.
 */
@FunctionalInterface
public interface QueueConsumer<M> {

  void consume(Delivery<M> delivery);
}
