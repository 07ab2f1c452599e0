package dev.saaskit.billing.subscriptions;

import com.stripe.param.SubscriptionCreateParams;
import dev.saaskit.billing.BillingAction;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.billing.plans.Prices;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/billing/subscriptions}: subscribes the caller's organization to a plan in a
 * currency, making its Stripe customer on first use. Stripe charges the customer's default payment
 * method at once; where there is none the subscription is {@code incomplete} and the answer carries
 * the first invoice's {@code client_secret}, for Stripe.js to confirm the payment (or use a Checkout
 * session instead). The organization's plan follows when Stripe says the subscription is active.
 */
public final class CreateSubscription implements Endpoint<CreateSubscription.Request, CreateSubscription.Response> {

  static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");

  /** @param trialDays days of free trial before the first charge (optional, 1 to 730) */
  public record Request(String plan, String currency, Integer trialDays) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("plan", plan, 32);
      if (v.required("currency", currency)) {
        v.pattern("currency", currency, CURRENCY, "an ISO 4217 code such as usd");
      }
      if (trialDays != null) {
        v.range("trial_days", trialDays, 1, 730);
      }
    }
  }

  /** @param clientSecret set while the first payment is due: confirm it with Stripe.js */
  public record Response(Subscription subscription, String clientSecret) {}

  private final StripeApi stripe;

  public CreateSubscription(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    Prices.PlanPrice price = Prices.find(call.db(), r.plan(), r.currency())
        .orElseThrow(() -> ApiException.invalid("plan", "is not sold in " + r.currency() + ": see GET /api/v1/billing/plans"));
    Customers.BillingCustomer customer = Customers.ensure(call, stripe);
    Subscriptions subscriptions = new Subscriptions(call.db(), organization);
    subscriptions.refuseSecond();
    SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
        .setCustomer(customer.stripeCustomerId())
        .addItem(SubscriptionCreateParams.Item.builder().setPrice(Prices.stripePriceId(call.db(), stripe, price)).build())
        .setPaymentBehavior(SubscriptionCreateParams.PaymentBehavior.DEFAULT_INCOMPLETE)
        .putMetadata("organization_id", organization.toString())
        .putMetadata("plan", price.plan())
        .addExpand("latest_invoice.confirmation_secret");
    if (r.trialDays() != null) {
      params.setTrialPeriodDays(r.trialDays().longValue());
    }
    com.stripe.model.Subscription created = stripe.change("subscription-" + organization + "-" + call.requestId(),
        (c, o) -> c.v1().subscriptions().create(params.build(), o));
    Subscription saved = subscriptions.save(created);
    Entitlements.apply(call.db(), organization, call::publish);
    call.audit(BillingAction.SUBSCRIPTION_CREATED, "subscription", saved.id(),
        Map.of("plan", saved.plan(), "currency", saved.currency(), "unit_amount", saved.unitAmount(), "status", saved.status()));
    String clientSecret = "incomplete".equals(saved.status()) && created.getLatestInvoiceObject() != null
        && created.getLatestInvoiceObject().getConfirmationSecret() != null
        ? created.getLatestInvoiceObject().getConfirmationSecret().getClientSecret() : null;
    return Reply.created(new Response(saved, clientSecret)).withHeader("location", "/api/v1/billing/subscriptions/" + saved.id());
  }
}
