package dev.saaskit.billing.subscriptions;

import dev.saaskit.billing.BillingProblem;
import dev.saaskit.billing.Customers;
import dev.saaskit.billing.Entitlements;
import dev.saaskit.billing.plans.Prices;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Ids;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.shared.problem.ProblemType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The organization's {@code billing_subscriptions}: read by the routes with the organization from
 * the caller's credentials, and written only from subscriptions fetched from Stripe ({@link #save}).
 */
public final class Subscriptions {

  private static final String COLUMNS =
      """
      id, plan, status, currency, unit_amount, cancel_at_period_end, current_period_start, current_period_end, trial_end,
      canceled_at, ended_at, cancellation_reason, stripe_subscription_id, stripe_price_id, created_at, updated_at
      """;

  private final Handle db;
  private final UUID organization;

  public Subscriptions(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  public Optional<Subscription> find(UUID id) {
    return db.createQuery("select " + COLUMNS + " from billing_subscriptions where id = :id and organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /**
   * The subscription a change is about, with the organization's billing state locked for the
   * transaction: 404 when the organization has no such subscription, 409 when it has ended.
   */
  Subscription lockForChange(UUID id) {
    Customers.lock(db, organization);
    Subscription subscription = find(id).orElseThrow(() -> ApiException.notFound("subscription"));
    if (subscription.ended()) {
      throw new ApiException(ProblemType.CONFLICT, "the subscription is " + subscription.status()).code(BillingProblem.SUBSCRIPTION_ENDED);
    }
    return subscription;
  }

  /** 409 {@code subscription_exists} when the organization has a subscription that is not over. */
  public void refuseSecond() {
    live().ifPresent(existing -> {
      throw new ApiException(ProblemType.CONFLICT, "the organization already has a subscription (" + existing.id() + ", "
          + existing.status() + "): change its plan or cancel it").code(BillingProblem.SUBSCRIPTION_EXISTS);
    });
  }

  public List<Subscription> list(PageRequest page) {
    return db.createQuery("select " + COLUMNS
            + """
               from billing_subscriptions
              where organization_id = :org and (cast(:after as uuid) is null or id > cast(:after as uuid))
              order by id limit :limit
            """)
        .bind("org", organization)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** A subscription that is not over (any status but canceled and incomplete_expired), if the organization has one. */
  public Optional<Subscription> live() {
    return db.createQuery("select " + COLUMNS
            + " from billing_subscriptions where organization_id = :org and status not in ('canceled', 'incomplete_expired') order by id desc limit 1")
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /** The organization's subscription that Stripe knows by this id. */
  public Optional<Subscription> byStripeId(String stripeSubscriptionId) {
    return db.createQuery("select " + COLUMNS + " from billing_subscriptions where stripe_subscription_id = :id and organization_id = :org")
        .bind("id", stripeSubscriptionId)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /**
   * Writes Stripe's current state of a subscription of this organization: inserted the first time,
   * replaced after. The plan is the one its price sells.
   */
  public Subscription save(com.stripe.model.Subscription s) {
    com.stripe.model.SubscriptionItem item = s.getItems().getData().get(0);
    com.stripe.model.Price price = item.getPrice();
    String plan = Prices.planOf(db, price.getId(), price.getLookupKey())
        .or(() -> Optional.ofNullable(s.getMetadata() == null ? null : s.getMetadata().get("plan")))
        .orElseThrow(() -> new IllegalStateException("Stripe price " + price.getId() + " sells none of the plans in billing_prices"));
    return db.createQuery(
            """
            insert into billing_subscriptions (id, organization_id, stripe_subscription_id, stripe_customer_id, plan, currency, unit_amount,
                                               stripe_price_id, status, cancel_at_period_end, current_period_start, current_period_end,
                                               trial_end, canceled_at, ended_at, cancellation_reason)
            values (:id, :org, :stripe_id, :customer, :plan, :currency, :amount, :price, :status, :cancel_at_period_end, :period_start,
                    :period_end, :trial_end, :canceled_at, :ended_at, :reason)
            on conflict (stripe_subscription_id) do update
               set plan = excluded.plan, currency = excluded.currency, unit_amount = excluded.unit_amount,
                   stripe_price_id = excluded.stripe_price_id, status = excluded.status,
                   cancel_at_period_end = excluded.cancel_at_period_end, current_period_start = excluded.current_period_start,
                   current_period_end = excluded.current_period_end, trial_end = excluded.trial_end,
                   canceled_at = excluded.canceled_at, ended_at = excluded.ended_at, cancellation_reason = excluded.cancellation_reason,
                   updated_at = now()
             where billing_subscriptions.organization_id = excluded.organization_id
            returning\s"""
                + COLUMNS)
        .bind("id", Ids.newId())
        .bind("org", organization)
        .bind("stripe_id", s.getId())
        .bind("customer", s.getCustomer())
        .bind("plan", plan)
        .bind("currency", price.getCurrency())
        .bind("amount", price.getUnitAmount())
        .bind("price", price.getId())
        .bind("status", s.getStatus())
        .bind("cancel_at_period_end", Boolean.TRUE.equals(s.getCancelAtPeriodEnd()))
        .bind("period_start", instant(item.getCurrentPeriodStart()))
        .bind("period_end", instant(item.getCurrentPeriodEnd()))
        .bind("trial_end", instant(s.getTrialEnd()))
        .bind("canceled_at", instant(s.getCanceledAt()))
        .bind("ended_at", instant(s.getEndedAt()))
        .bind("reason", reason(s.getCancellationDetails()))
        .map(rs -> read(rs))
        .one();
  }

  private static String reason(com.stripe.model.Subscription.CancellationDetails details) {
    if (details == null) {
      return null;
    }
    return details.getComment() != null ? details.getComment() : details.getFeedback() != null ? details.getFeedback() : details.getReason();
  }

  static Instant instant(Long epochSeconds) {
    return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds);
  }

  private static Subscription read(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    String plan = rs.getString("plan");
    return new Subscription(
        rs.getObject("id", UUID.class),
        plan,
        Entitlements.planFor(status, plan),
        status,
        rs.getString("currency"),
        rs.getLong("unit_amount"),
        rs.getBoolean("cancel_at_period_end"),
        time(rs, "current_period_start"),
        time(rs, "current_period_end"),
        time(rs, "trial_end"),
        time(rs, "canceled_at"),
        time(rs, "ended_at"),
        rs.getString("cancellation_reason"),
        rs.getString("stripe_subscription_id"),
        time(rs, "created_at"),
        time(rs, "updated_at"));
  }

  private static Instant time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
