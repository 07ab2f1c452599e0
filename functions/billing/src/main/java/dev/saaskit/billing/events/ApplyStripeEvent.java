package dev.saaskit.billing.events;

import com.stripe.model.checkout.Session;
import com.stripe.param.InvoiceRetrieveParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.billing.invoices.Invoice;
import dev.saaskit.billing.invoices.Invoices;
import dev.saaskit.billing.subscriptions.Subscription;
import dev.saaskit.billing.subscriptions.Subscriptions;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.outbox.Notification;
import dev.saaskit.shared.queue.Delivery;
import dev.saaskit.shared.queue.QueueConsumer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies each Stripe event of {@code billing-events} once. The event's row is locked and marked
 * processed in the same transaction, so a repeated message does nothing. For subscriptions,
 * invoices (with their payments) and Checkout sessions the consumer fetches the object's current
 * state from Stripe, under the organization's billing lock, and writes that: whatever order events
 * arrive in, and whatever API version their payloads were rendered for, billing ends in Stripe's
 * state. Then the organization's plan follows (a message to identity when it changes), and a failed
 * payment or a trial about to end tells the organization's admins.
 */
public final class ApplyStripeEvent implements QueueConsumer<StripeEventMessage> {

  private final StripeApi stripe;

  public ApplyStripeEvent(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public void consume(Delivery<StripeEventMessage> delivery) {
    StripeEventMessage m = delivery.message();
    Handle db = delivery.db();
    Optional<Instant> processed = db.createQuery("select processed_at from billing_events where id = :id for update")
        .bind("id", m.eventId())
        .map(rs -> Optional.ofNullable(rs.getTimestamp("processed_at")).map(java.sql.Timestamp::toInstant))
        .findOne()
        .orElse(Optional.of(Instant.EPOCH));
    if (processed.isPresent()) {
      return;
    }
    Optional<Customers.BillingCustomer> customer = m.customerId() == null ? Optional.empty() : Customers.forEvent(db, stripe, m.customerId());
    if (customer.isPresent() && m.objectType() != null) {
      UUID organization = customer.get().organizationId();
      Customers.lock(db, organization);
      switch (m.objectType()) {
        case "subscription" -> {
          Subscription s = syncSubscription(db, organization, m.objectId());
          if ("customer.subscription.trial_will_end".equals(m.eventType())) {
            notifyAdmins(delivery, organization, "trial_ending", Map.of("plan", s.plan(), "trial_end", String.valueOf(s.trialEnd())));
          }
        }
        case "invoice" -> {
          com.stripe.model.Invoice fetched = stripe.read((c, o) ->
              c.v1().invoices().retrieve(m.objectId(), InvoiceRetrieveParams.builder().addExpand("payments").build(), o));
          Invoice invoice = new Invoices(db, organization).save(fetched);
          if (invoice.stripeSubscriptionId() != null) {
            syncSubscription(db, organization, invoice.stripeSubscriptionId());
          }
          if ("invoice.payment_failed".equals(m.eventType())) {
            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("invoice_number", invoice.number());
            variables.put("amount_due", invoice.amountDue());
            variables.put("currency", invoice.currency());
            variables.put("hosted_invoice_url", invoice.hostedInvoiceUrl());
            notifyAdmins(delivery, organization, "payment_failed", variables);
          }
        }
        case "checkout.session" -> {
          Session session = stripe.read((c, o) -> c.v1().checkout().sessions().retrieve(m.objectId(), SessionRetrieveParams.builder().build(), o));
          if (session.getSubscription() != null) {
            syncSubscription(db, organization, session.getSubscription());
          }
        }
        default -> {
          // Customers, payment intents and the rest: what billing keeps of them comes with the objects above.
        }
      }
      Entitlements.apply(db, organization, delivery::publish);
    }
    db.createUpdate("update billing_events set processed_at = now() where id = :id").bind("id", m.eventId()).execute();
  }

  private Subscription syncSubscription(Handle db, UUID organization, String stripeSubscriptionId) {
    com.stripe.model.Subscription fetched = stripe.read((c, o) ->
        c.v1().subscriptions().retrieve(stripeSubscriptionId, SubscriptionRetrieveParams.builder().build(), o));
    return new Subscriptions(db, organization).save(fetched);
  }

  /** A notification to every active org_admin and billing_admin of the organization. */
  private static void notifyAdmins(Delivery<?> delivery, UUID organization, String template, Map<String, Object> details) {
    Handle db = delivery.db();
    String name = db.createQuery("select name from organizations where id = :org").bind("org", organization).mapTo(String.class).one();
    db.createQuery(
            """
            select u.email, u.full_name from organization_members m join users u on u.id = m.user_id
             where m.organization_id = :org and m.active and m.role in ('org_admin', 'billing_admin')
               and u.active and u.deleted_at is null
             order by u.email
            """)
        .bind("org", organization)
        .map(rs -> Map.entry(rs.getString("email"), rs.getString("full_name")))
        .list()
        .forEach(recipient -> {
          Map<String, Object> variables = new LinkedHashMap<>();
          variables.put("full_name", recipient.getValue());
          variables.put("organization_name", name);
          variables.putAll(details);
          delivery.publish(Notification.QUEUE, new Notification(template, recipient.getKey(), variables, organization));
        });
  }
}
