package dev.saaskit.shared.queue;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.UnitOfWork;
import java.time.Duration;

/** One message as a consumer sees it, with its own transaction and outbox. */
public final class Delivery<M> {

  private final M message;
  private final String messageId;
  private final String publishedId;
  private final int receiveCount;
  private final String correlationId;
  private final UnitOfWork work;

  public Delivery(M message, String messageId, String publishedId, int receiveCount, String correlationId, UnitOfWork work) {
    this.message = message;
    this.messageId = messageId;
    this.publishedId = publishedId;
    this.receiveCount = receiveCount;
    this.correlationId = correlationId;
    this.work = work;
  }

  public M message() {
    return message;
  }

  /** SQS's id of this send of the message: a message the outbox sent twice arrives under two. */
  public String messageId() {
    return messageId;
  }

  /**
   * The publisher's id of the message, the same however often it was sent or delivered: what a
   * consumer de-duplicates on. SQS's {@link #messageId()} for messages sent by something other than
   * the outbox (the emulator's publish endpoint, an SNS subscription).
   */
  public String publishedId() {
    return publishedId;
  }

  /** 1 on first delivery; SQS's ApproximateReceiveCount. */
  public int receiveCount() {
    return receiveCount;
  }

  /** The request id of the invocation that published the message, if it set one. */
  public String correlationId() {
    return correlationId;
  }

  public Handle db() {
    return work.db();
  }

  /**
   * The delivery's connection outside its transaction: each statement commits on its own, for a
   * long consumer whose progress others must see while it runs (a data export). Once {@link #db()}
   * began the transaction, statements run in it.
   */
  public Handle autocommitDb() {
    return work.autocommitDb();
  }

  public void publish(String queue, Object message) {
    work.publish(queue, message, correlationId);
  }

  /** Publishes a message its queue delivers {@code delay} (at most 15 minutes) after this delivery's work commits. */
  public void publish(String queue, Object message, Duration delay) {
    work.publish(queue, message, correlationId, delay);
  }
}
