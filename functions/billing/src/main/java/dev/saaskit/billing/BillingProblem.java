package dev.saaskit.billing;

import dev.saaskit.shared.problem.ProblemCode;
import java.util.Locale;

/** The codes the billing domain's problems carry where a client must tell cases apart; the README lists them. */
public enum BillingProblem implements ProblemCode {
  /** The organization already has a subscription that is not over: change its plan or cancel it instead. */
  SUBSCRIPTION_EXISTS,
  /** The subscription is canceled (or its first payment expired): nothing about it changes any more. */
  SUBSCRIPTION_ENDED,
  /** The subscription is already on the plan asked for. */
  SAME_PLAN,
  /** The organization has no Stripe customer yet: subscribe first. */
  NO_BILLING_ACCOUNT,
  /** The Stripe-Signature header is missing, malformed, does not match the body, or is too old. */
  INVALID_SIGNATURE;

  @Override
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
