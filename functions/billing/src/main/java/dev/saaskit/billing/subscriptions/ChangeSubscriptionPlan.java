package dev.saaskit.billing.subscriptions;

import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionUpdateParams;
import dev.saaskit.billing.BillingAction;
import dev.saaskit.billing.BillingProblem;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.billing.plans.Prices;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import dev.saaskit.shared.validation.Validatable;
import dev.saaskit.shared.validation.Violations;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/billing/subscriptions/{id}/change-plan}: moves the subscription to another
 * plan in its currency, with Stripe's proration: {@code create_prorations} (default: the difference
 * for the rest of the period on the next invoice), {@code always_invoice} (invoiced and charged now)
 * or {@code none}. The organization's plan follows at once while the subscription is active.
 */
public final class ChangeSubscriptionPlan implements Endpoint<ChangeSubscriptionPlan.Request, Subscription> {

  static final List<String> PRORATIONS = List.of("create_prorations", "always_invoice", "none");

  public record Request(String plan, String proration) implements Validatable {
    @Override
    public void validate(Violations v) {
      v.text("plan", plan, 32);
      v.oneOf("proration", proration, PRORATIONS);
    }
  }

  private final StripeApi stripe;

  public ChangeSubscriptionPlan(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Reply<Subscription> handle(Call<Request> call) {
    Request r = call.body();
    UUID organization = call.caller().organization();
    UUID id = call.pathId("id");
    Subscriptions subscriptions = new Subscriptions(call.db(), organization);
    Subscription subscription = subscriptions.lockForChange(id);
    if (subscription.plan().equals(r.plan())) {
      throw new ApiException(ProblemType.CONFLICT, "the subscription is already on " + r.plan()).code(BillingProblem.SAME_PLAN);
    }
    Prices.PlanPrice price = Prices.find(call.db(), r.plan(), subscription.currency())
        .orElseThrow(() -> ApiException.invalid("plan", "is not sold in the subscription's currency " + subscription.currency()));
    String priceId = Prices.stripePriceId(call.db(), stripe, price);
    com.stripe.model.Subscription current = stripe.read((c, o) ->
        c.v1().subscriptions().retrieve(subscription.stripeSubscriptionId(), SubscriptionRetrieveParams.builder().build(), o));
    String proration = r.proration() == null ? "create_prorations" : r.proration();
    SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
        .addItem(SubscriptionUpdateParams.Item.builder().setId(current.getItems().getData().get(0).getId()).setPrice(priceId).build())
        .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.valueOf(proration.toUpperCase(Locale.ROOT)))
        .putMetadata("plan", price.plan())
        .build();
    com.stripe.model.Subscription changed = stripe.change("change-plan-" + id + "-" + call.requestId(),
        (c, o) -> c.v1().subscriptions().update(subscription.stripeSubscriptionId(), params, o));
    Subscription saved = subscriptions.save(changed);
    Entitlements.apply(call.db(), organization, call::publish);
    call.audit(BillingAction.SUBSCRIPTION_PLAN_CHANGED, "subscription", id,
        Map.of("from", subscription.plan(), "to", saved.plan(), "proration", proration, "unit_amount", saved.unitAmount()));
    return Reply.ok(saved);
  }
}
