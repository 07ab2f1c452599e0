package dev.saaskit.billing;

import dev.saaskit.shared.audit.AuditAction;

/** The audit trail's vocabulary for the billing domain. */
public enum BillingAction implements AuditAction {
  BILLING_CUSTOMER_CREATED("billing_customer.created"),
  SUBSCRIPTION_CREATED("subscription.created"),
  SUBSCRIPTION_CANCEL_SCHEDULED("subscription.cancel_scheduled"),
  SUBSCRIPTION_CANCELED("subscription.canceled"),
  SUBSCRIPTION_PLAN_CHANGED("subscription.plan_changed"),
  CHECKOUT_SESSION_CREATED("checkout_session.created"),
  PORTAL_SESSION_CREATED("portal_session.created");

  private final String code;

  BillingAction(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
