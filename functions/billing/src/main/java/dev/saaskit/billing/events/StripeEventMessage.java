package dev.saaskit.billing.events;

/**
 * What the webhook queues on {@value #QUEUE} for each new Stripe event: the ids the consumer needs
 * to fetch the object's current state, never the payload's state.
 *
 * @param objectType Stripe's {@code object} of {@code data.object}: subscription, invoice, checkout.session...
 * @param customerId the object's customer, which says whose billing the event is about
 */
public record StripeEventMessage(String type, String eventId, String eventType, String objectType, String objectId, String customerId) {

  public static final String QUEUE = "billing-events";

  public StripeEventMessage(String eventId, String eventType, String objectType, String objectId, String customerId) {
    this("stripe_event", eventId, eventType, objectType, objectId, customerId);
  }
}
