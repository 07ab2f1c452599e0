package dev.saaskit.billing;

import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.Call;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The Stripe customer of each organization ({@code billing_customers}), made on first use. */
public final class Customers {

  /** An organization's Stripe customer and the plan billing last told identity it is entitled to. */
  public record BillingCustomer(UUID organizationId, String stripeCustomerId, String entitledPlan, long planVersion) {}

  private static final String COLUMNS = "organization_id, stripe_customer_id, entitled_plan, plan_version";

  private Customers() {}

  public static Optional<BillingCustomer> find(Handle db, UUID organization) {
    return db.createQuery("select " + COLUMNS + " from billing_customers where organization_id = :org")
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /** The customer, locked until the transaction ends: changes of one organization's billing go one at a time. */
  public static Optional<BillingCustomer> lock(Handle db, UUID organization) {
    return db.createQuery("select " + COLUMNS + " from billing_customers where organization_id = :org for update")
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  public static Optional<BillingCustomer> byStripeId(Handle db, String stripeCustomerId) {
    return db.createQuery("select " + COLUMNS + " from billing_customers where stripe_customer_id = :id")
        .bind("id", stripeCustomerId)
        .map(rs -> read(rs))
        .findOne();
  }

  /**
   * The organization's customer, locked; made at Stripe first when there is none. The idempotency
   * key is the organization's, so two first uses at once make one Stripe customer, and the second
   * insert finds the first one's row. So does an insert that comes after the webhook's: Stripe's
   * {@code customer.created} event may adopt the customer first (same organization, same Stripe
   * id), which is why the insert gives way on either unique column, not only the organization.
   *
   * A customer made now is audited as made by the caller.
   */
  public static BillingCustomer ensure(Call<?> call, StripeApi stripe) {
    Handle db = call.db();
    UUID organization = call.caller().organization();
    UUID actor = call.caller().userId();
    Optional<BillingCustomer> existing = lock(db, organization);
    if (existing.isPresent()) {
      return existing.get();
    }
    String name = db.createQuery("select name from organizations where id = :org").bind("org", organization).mapTo(String.class).one();
    String email = actor == null ? null
        : db.createQuery("select email from users where id = :id").bind("id", actor).mapTo(String.class).findOne().orElse(null);
    CustomerCreateParams params = CustomerCreateParams.builder()
        .setName(name)
        .setEmail(email)
        .putMetadata("organization_id", organization.toString())
        .build();
    Customer customer = stripe.change("customer-" + organization, (c, o) -> c.v1().customers().create(params, o));
    int inserted = db.createUpdate(
            "insert into billing_customers (organization_id, stripe_customer_id) values (:org, :id) on conflict do nothing")
        .bind("org", organization)
        .bind("id", customer.getId())
        .execute();
    BillingCustomer ensured = lock(db, organization).orElseThrow();
    if (inserted == 1) {
      call.audit(BillingAction.BILLING_CUSTOMER_CREATED, "billing_customer", ensured.stripeCustomerId(), Map.of());
    }
    return ensured;
  }

  /**
   * The organization a Stripe customer belongs to, for an event about it. Stripe may send events
   * before the request that made the customer has committed its row: then the customer's metadata
   * names the organization, and the insert here waits on that request's uncommitted row and finds
   * it once committed (or, if that request rolled back, keeps the customer Stripe has). A customer
   * without our metadata, or one Stripe does not know, is none of ours.
   */
  public static Optional<BillingCustomer> forEvent(Handle db, StripeApi stripe, String stripeCustomerId) {
    Optional<BillingCustomer> known = byStripeId(db, stripeCustomerId);
    if (known.isPresent()) {
      return known;
    }
    Customer customer;
    try {
      customer = stripe.read((c, o) -> c.v1().customers().retrieve(stripeCustomerId, o));
    } catch (StripeApi.Failure e) {
      if (e.isMissing()) {
        return Optional.empty();
      }
      throw e;
    }
    UUID organization = customer.getMetadata() == null ? null : dev.saaskit.shared.db.Ids.parse(customer.getMetadata().get("organization_id"));
    if (organization == null
        || !db.createQuery("select exists (select 1 from organizations where id = :org)").bind("org", organization).mapTo(Boolean.class).one()) {
      return Optional.empty();
    }
    db.createUpdate("insert into billing_customers (organization_id, stripe_customer_id) values (:org, :id) on conflict do nothing")
        .bind("org", organization)
        .bind("id", stripeCustomerId)
        .execute();
    return byStripeId(db, stripeCustomerId);
  }

  private static BillingCustomer read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new BillingCustomer(rs.getObject("organization_id", UUID.class), rs.getString("stripe_customer_id"),
        rs.getString("entitled_plan"), rs.getLong("plan_version"));
  }
}
