package dev.saaskit.billing.subscriptions;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization's subscription as billing last fetched it from Stripe. Amounts are in minor units
 * of {@code currency}.
 *
 * @param status Stripe's: active, trialing, past_due, canceled, unpaid, incomplete, incomplete_expired, paused
 * @param entitledPlan the plan this subscription gives the organization now (the README's entitlement table)
 */
public record Subscription(
    UUID id,
    String plan,
    String entitledPlan,
    String status,
    String currency,
    long unitAmount,
    boolean cancelAtPeriodEnd,
    Instant currentPeriodStart,
    Instant currentPeriodEnd,
    Instant trialEnd,
    Instant canceledAt,
    Instant endedAt,
    String cancellationReason,
    String stripeSubscriptionId,
    Instant createdAt,
    Instant updatedAt) {

  /** Over: nothing about it changes any more. */
  public boolean ended() {
    return "canceled".equals(status) || "incomplete_expired".equals(status);
  }
}
