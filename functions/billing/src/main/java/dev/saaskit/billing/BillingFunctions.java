package dev.saaskit.billing;

import dev.saaskit.billing.checkout.CreateCheckoutSession;
import dev.saaskit.billing.checkout.CreatePortalSession;
import dev.saaskit.billing.events.ApplyStripeEvent;
import dev.saaskit.billing.events.ReceiveStripeWebhook;
import dev.saaskit.billing.events.StripeEventMessage;
import dev.saaskit.billing.invoices.GetInvoice;
import dev.saaskit.billing.invoices.ListInvoices;
import dev.saaskit.billing.invoices.ListPayments;
import dev.saaskit.billing.plans.ListBillingPlans;
import dev.saaskit.billing.reconcile.Reconcile;
import dev.saaskit.billing.subscriptions.CancelSubscription;
import dev.saaskit.billing.subscriptions.ChangeSubscriptionPlan;
import dev.saaskit.billing.subscriptions.CreateSubscription;
import dev.saaskit.billing.subscriptions.GetSubscription;
import dev.saaskit.billing.subscriptions.ListSubscriptions;
import dev.saaskit.billing.usage.SyncUsage;
import dev.saaskit.shared.runtime.DomainFunctions;
import dev.saaskit.shared.runtime.Functions;

/** The billing module's functions; {@code MAIN_CLASS} of the billing artifact. */
public final class BillingFunctions extends DomainFunctions {

  public BillingFunctions() {
    super("billing");
  }

  @Override
  protected void register(Functions f) {
    // Cheap to make: the Stripe client inside is built on the first call to Stripe.
    StripeApi stripe = new StripeApi(f.platform());
    f.http(ListBillingPlans.class, Void.class, ListBillingPlans::new);
    f.http(CreateSubscription.class, CreateSubscription.Request.class, () -> new CreateSubscription(stripe));
    f.http(ListSubscriptions.class, Void.class, ListSubscriptions::new);
    f.http(GetSubscription.class, Void.class, GetSubscription::new);
    f.http(CancelSubscription.class, CancelSubscription.Request.class, () -> new CancelSubscription(stripe));
    f.http(ChangeSubscriptionPlan.class, ChangeSubscriptionPlan.Request.class, () -> new ChangeSubscriptionPlan(stripe));
    f.http(CreateCheckoutSession.class, CreateCheckoutSession.Request.class, () -> new CreateCheckoutSession(stripe));
    f.http(CreatePortalSession.class, CreatePortalSession.Request.class, () -> new CreatePortalSession(stripe));
    f.http(ListInvoices.class, Void.class, ListInvoices::new);
    f.http(GetInvoice.class, Void.class, GetInvoice::new);
    f.http(ListPayments.class, Void.class, ListPayments::new);
    f.http(ReceiveStripeWebhook.class, Void.class, ReceiveStripeWebhook::new);
    f.queue(ApplyStripeEvent.class, StripeEventMessage.class, () -> new ApplyStripeEvent(stripe));
    f.schedule(SyncUsage.class, () -> new SyncUsage(stripe));
    f.schedule(Reconcile.class, () -> new Reconcile(stripe));
  }
}
