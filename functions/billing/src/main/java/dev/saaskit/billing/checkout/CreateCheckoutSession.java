package dev.saaskit.billing.checkout;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.saaskit.billing.BillingAction;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.billing.plans.Prices;
import dev.saaskit.billing.subscriptions.Subscriptions;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/billing/checkout-sessions}: a Stripe Checkout page where the organization's
 * admin pays for a plan. The subscription Checkout makes reaches billing through the webhook.
 */
public final class CreateCheckoutSession implements Endpoint<CreateCheckoutSession.Request, CreateCheckoutSession.Response> {

  private static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");

  public record Request(String plan, String currency, String successUrl, String cancelUrl) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("plan", plan, 32);
      if (v.required("currency", currency)) {
        v.pattern("currency", currency, CURRENCY, "an ISO 4217 code such as usd");
      }
      ReturnUrls.check(v, "success_url", successUrl);
      ReturnUrls.check(v, "cancel_url", cancelUrl);
    }
  }

  /** @param url the Checkout page to send the customer to */
  public record Response(String id, String url, Instant expiresAt) {}

  private final StripeApi stripe;

  public CreateCheckoutSession(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Reply<Response> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    Prices.PlanPrice price = Prices.find(call.db(), r.plan(), r.currency())
        .orElseThrow(() -> ApiException.invalid("plan", "is not sold in " + r.currency() + ": see GET /api/v1/billing/plans"));
    Customers.BillingCustomer customer = Customers.ensure(call, stripe);
    new Subscriptions(call.db(), organization).refuseSecond();
    SessionCreateParams params = SessionCreateParams.builder()
        .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
        .setCustomer(customer.stripeCustomerId())
        .addLineItem(SessionCreateParams.LineItem.builder().setPrice(Prices.stripePriceId(call.db(), stripe, price)).setQuantity(1L).build())
        .setSuccessUrl(r.successUrl())
        .setCancelUrl(r.cancelUrl())
        .setClientReferenceId(organization.toString())
        .putMetadata("organization_id", organization.toString())
        .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
            .putMetadata("organization_id", organization.toString())
            .putMetadata("plan", price.plan())
            .build())
        .build();
    Session session = stripe.change("checkout-" + organization + "-" + call.requestId(), (c, o) -> c.v1().checkout().sessions().create(params, o));
    call.audit(BillingAction.CHECKOUT_SESSION_CREATED, "checkout_session", session.getId(), Map.of("plan", price.plan(), "currency", price.currency()));
    return Reply.created(new Response(session.getId(), session.getUrl(),
        session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt())));
  }
}
