package dev.saaskit.billing;

import dev.saaskit.shared.db.Handle;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Which plan an organization is entitled to, from its subscriptions' statuses (the README's
 * entitlement table), and the message that tells identity when that changes.
 *
 * <p>{@code active} and {@code trialing} give the subscription's plan; so does {@code past_due},
 * while Stripe retries the payment (its dunning settings decide when that ends in {@code canceled}
 * or {@code unpaid}). {@code incomplete} (the first payment not made), {@code incomplete_expired},
 * {@code unpaid}, {@code paused} and {@code canceled} give {@code free}.
 */
public final class Entitlements {

  public static final String QUEUE = "plan-changes";
  public static final String FREE = "free";
  static final Set<String> ENTITLING = Set.of("active", "trialing", "past_due");

  /** What identity reads from {@value #QUEUE}; a higher {@code version} supersedes a lower one. */
  public record PlanEntitlement(String type, UUID organizationId, String plan, long version, String subscriptionStatus) {
    public PlanEntitlement(UUID organizationId, String plan, long version, String subscriptionStatus) {
      this("plan_entitlement", organizationId, plan, version, subscriptionStatus);
    }
  }

  private Entitlements() {}

  public static String planFor(String status, String plan) {
    return ENTITLING.contains(status) ? plan : FREE;
  }

  /**
   * Works out the organization's plan from its subscriptions and, when it differs from the last one
   * told, tells identity (through the outbox, in the caller's transaction). The caller holds the
   * customer's row lock ({@link Customers#lock}), so versions follow the order of the changes.
   *
   * @return the plan the organization is entitled to
   */
  public static String apply(Handle db, UUID organization, BiConsumer<String, Object> publish) {
    Customers.BillingCustomer customer = Customers.lock(db, organization).orElseThrow();
    record Current(String plan, String status) {}
    Current current = db.createQuery(
            """
            select plan, status from billing_subscriptions
             where organization_id = :org and status in ('active', 'trialing', 'past_due')
             order by created_at desc, id desc limit 1
            """)
        .bind("org", organization)
        .map(rs -> new Current(rs.getString("plan"), rs.getString("status")))
        .findOne()
        .orElse(new Current(FREE, latestStatus(db, organization)));
    if (!current.plan().equals(customer.entitledPlan())) {
      long version = customer.planVersion() + 1;
      db.createUpdate("update billing_customers set entitled_plan = :plan, plan_version = :version where organization_id = :org")
          .bind("plan", current.plan())
          .bind("version", version)
          .bind("org", organization)
          .execute();
      publish.accept(QUEUE, new PlanEntitlement(organization, current.plan(), version, current.status()));
    }
    return current.plan();
  }

  private static String latestStatus(Handle db, UUID organization) {
    return db.createQuery("select status from billing_subscriptions where organization_id = :org order by created_at desc, id desc limit 1")
        .bind("org", organization)
        .mapTo(String.class)
        .findOne()
        .orElse(null);
  }
}
