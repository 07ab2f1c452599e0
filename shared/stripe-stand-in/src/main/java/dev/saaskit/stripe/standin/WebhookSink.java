package dev.saaskit.stripe.standin;

/** Where the stand-in delivers a signed event: the receiver's URL, or a test calling the function directly. */
@FunctionalInterface
public interface WebhookSink {

  /**
   * Delivers one event as Stripe does: the raw JSON body and its {@code Stripe-Signature} header.
   *
   * @return the HTTP status the receiver answered
   */
  int deliver(byte[] body, String signatureHeader);
}
