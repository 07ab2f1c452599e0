package dev.saaskit.billing.subscriptions;

import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionUpdateParams;
import dev.saaskit.billing.BillingAction;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/billing/subscriptions/{id}/cancel}: at the end of the period that is paid for
 * (the default; the plan stays until then) or now (the organization is back on free at once), with
 * a reason kept at Stripe and here. Asking again for a cancellation already scheduled changes nothing.
 */
public final class CancelSubscription implements Endpoint<CancelSubscription.Request, Subscription> {

  /** @param atPeriodEnd default true */
  public record Request(Boolean atPeriodEnd, String reason) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.optionalText("reason", reason, 500);
    }
  }

  private final StripeApi stripe;

  public CancelSubscription(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Reply<Subscription> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    UUID id = call.pathId("id");
    Subscriptions subscriptions = new Subscriptions(call.db(), organization);
    Subscription subscription = subscriptions.lockForChange(id);
    boolean atPeriodEnd = r.atPeriodEnd() == null || r.atPeriodEnd();
    if (atPeriodEnd && subscription.cancelAtPeriodEnd()) {
      return Reply.ok(subscription);
    }
    String key = "cancel-" + id + "-" + call.requestId();
    com.stripe.model.Subscription canceled;
    if (atPeriodEnd) {
      SubscriptionUpdateParams.Builder params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true);
      if (r.reason() != null) {
        params.setCancellationDetails(SubscriptionUpdateParams.CancellationDetails.builder().setComment(r.reason()).build());
      }
      canceled = stripe.change(key, (c, o) -> c.v1().subscriptions().update(subscription.stripeSubscriptionId(), params.build(), o));
    } else {
      SubscriptionCancelParams.Builder params = SubscriptionCancelParams.builder();
      if (r.reason() != null) {
        params.setCancellationDetails(SubscriptionCancelParams.CancellationDetails.builder().setComment(r.reason()).build());
      }
      canceled = stripe.change(key, (c, o) -> c.v1().subscriptions().cancel(subscription.stripeSubscriptionId(), params.build(), o));
    }
    Subscription saved = subscriptions.save(canceled);
    Entitlements.apply(call.db(), organization, call::publish);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("plan", saved.plan());
    details.put("reason", r.reason());
    details.put("ends_at", atPeriodEnd ? saved.currentPeriodEnd() : saved.endedAt());
    call.audit(atPeriodEnd ? BillingAction.SUBSCRIPTION_CANCEL_SCHEDULED : BillingAction.SUBSCRIPTION_CANCELED, "subscription", id, details);
    return Reply.ok(saved);
  }
}
