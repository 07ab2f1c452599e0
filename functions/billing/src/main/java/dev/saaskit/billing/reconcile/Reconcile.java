package dev.saaskit.billing.reconcile;

import com.stripe.param.SubscriptionListParams;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.billing.subscriptions.Subscription;
import dev.saaskit.billing.subscriptions.Subscriptions;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code billing-reconcile} (daily): compares every customer's subscriptions at Stripe with
 * billing's copy, writes Stripe's state where they differ (an event lost, or never sent), and makes
 * the organization's plan follow; where identity's plan differs from the one billing last told it
 * (a message lost to the dead-letter queue), tells it again. Returns, and so logs, what it fixed.
 */
public final class Reconcile implements ScheduledJob {

  private final StripeApi stripe;

  public Reconcile(StripeApi stripe) {
    this.stripe = stripe;
  }

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Handle db = run.db();
    List<UUID> organizations = db.createQuery("select organization_id from billing_customers order by organization_id").mapTo(UUID.class).list();
    int checked = 0;
    List<String> added = new ArrayList<>();
    List<String> repaired = new ArrayList<>();
    List<String> plansRetold = new ArrayList<>();
    for (UUID organization : organizations) {
      Customers.BillingCustomer customer = Customers.lock(db, organization).orElseThrow();
      Subscriptions subscriptions = new Subscriptions(db, organization);
      SubscriptionListParams query = SubscriptionListParams.builder()
          .setCustomer(customer.stripeCustomerId())
          .setStatus(SubscriptionListParams.Status.ALL)
          .setLimit(100L)
          .build();
      for (com.stripe.model.Subscription atStripe : stripe.read((c, o) -> c.v1().subscriptions().list(query, o)).getData()) {
        checked++;
        Optional<Subscription> before = subscriptions.byStripeId(atStripe.getId());
        Subscription after = subscriptions.save(atStripe);
        if (before.isEmpty()) {
          added.add(atStripe.getId());
        } else if (!sameState(before.get(), after)) {
          repaired.add(atStripe.getId() + ": " + before.get().status() + " -> " + after.status());
        }
      }
      String plan = Entitlements.apply(db, organization, run::publish);
      String identityPlan = db.createQuery("select plan from organizations where id = :org").bind("org", organization).mapTo(String.class).one();
      if (!identityPlan.equals(plan)) {
        Customers.BillingCustomer told = Customers.lock(db, organization).orElseThrow();
        long version = told.planVersion() + 1;
        db.createUpdate("update billing_customers set plan_version = :version where organization_id = :org")
            .bind("version", version)
            .bind("org", organization)
            .execute();
        run.publish(Entitlements.QUEUE, new Entitlements.PlanEntitlement(organization, plan, version, null));
        plansRetold.add(organization + ": " + identityPlan + " -> " + plan);
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("customers", organizations.size());
    result.put("subscriptions_checked", checked);
    result.put("subscriptions_added", added);
    result.put("subscriptions_repaired", repaired);
    result.put("plans_retold", plansRetold);
    return result;
  }

  private static boolean sameState(Subscription a, Subscription b) {
    return a.status().equals(b.status()) && a.plan().equals(b.plan()) && a.cancelAtPeriodEnd() == b.cancelAtPeriodEnd()
        && Objects.equals(a.currentPeriodEnd(), b.currentPeriodEnd()) && Objects.equals(a.trialEnd(), b.trialEnd())
        && Objects.equals(a.endedAt(), b.endedAt());
  }
}
