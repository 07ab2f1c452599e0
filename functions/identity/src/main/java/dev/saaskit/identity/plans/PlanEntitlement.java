package dev.saaskit.identity.plans;

import java.util.UUID;

/**
 * A message of the {@value #QUEUE} queue: billing says which plan an organization is entitled to.
 * {@code version} grows with every message billing sends for the organization; a lower one than
 * identity applied last is stale.
 *
 * @param subscriptionStatus the Stripe status the plan follows from, for the record (null when retold by reconciliation)
 */
public record PlanEntitlement(String type, UUID organizationId, String plan, long version, String subscriptionStatus) {

  public static final String QUEUE = "plan-changes";
}
