package dev.saaskit.billing.plans;

import com.stripe.model.Price;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.PriceListParams;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.shared.db.Handle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plans' prices ({@code billing_prices}) and their Stripe prices. A Stripe price is found by
 * its lookup key, or created with it, the first time it is needed, and its id kept: a fresh Stripe
 * account needs no setup, and an operator who made the prices in Stripe's dashboard with those
 * lookup keys gets them used.
 */
public final class Prices {

  /** One plan's price in one currency, in minor units; {@code stripePriceId} null until first needed. */
  public record PlanPrice(String plan, String currency, long unitAmount, String interval, String lookupKey, String stripePriceId) {}

  private Prices() {}

  public static List<PlanPrice> all(Handle db) {
    return db.createQuery("select plan, currency, unit_amount, billing_interval, lookup_key, stripe_price_id from billing_prices order by plan, currency")
        .map(rs -> read(rs))
        .list();
  }

  public static Optional<PlanPrice> find(Handle db, String plan, String currency) {
    return db.createQuery(
            "select plan, currency, unit_amount, billing_interval, lookup_key, stripe_price_id from billing_prices where plan = :plan and currency = :currency")
        .bind("plan", plan)
        .bind("currency", currency.toLowerCase(Locale.ROOT))
        .map(rs -> read(rs))
        .findOne();
  }

  /** The plan a Stripe price sells, by its id or lookup key. */
  public static Optional<String> planOf(Handle db, String stripePriceId, String lookupKey) {
    return db.createQuery("select plan from billing_prices where stripe_price_id = :id or lookup_key = :key limit 1")
        .bind("id", stripePriceId)
        .bind("key", lookupKey)
        .mapTo(String.class)
        .findOne();
  }

  /**
   * The Stripe price id of {@code price}, found by its lookup key or created, and kept for mapping
   * Stripe's events back to plans. Always asked of Stripe rather than taken from the kept id: the
   * account behind the key can change (test mode to live, another account, the emulator's stand-in
   * after a restart), and a price id of another account would fail every subscription.
   */
  public static String stripePriceId(Handle db, StripeApi stripe, PlanPrice price) {
    PriceListParams query = PriceListParams.builder().addLookupKey(price.lookupKey()).setActive(true).build();
    String id = stripe.read((c, o) -> c.v1().prices().list(query, o)).getData().stream()
        .map(Price::getId)
        .findFirst()
        .orElseGet(() -> {
          PriceCreateParams params = PriceCreateParams.builder()
              .setCurrency(price.currency())
              .setUnitAmount(price.unitAmount())
              .setLookupKey(price.lookupKey())
              .setRecurring(PriceCreateParams.Recurring.builder()
                  .setInterval(PriceCreateParams.Recurring.Interval.valueOf(price.interval().toUpperCase(Locale.ROOT)))
                  .build())
              .setProductData(PriceCreateParams.ProductData.builder().setName("saaskit " + price.plan()).build())
              .putMetadata("plan", price.plan())
              .build();
          return stripe.change("price-" + price.lookupKey() + "-" + price.unitAmount(), (c, o) -> c.v1().prices().create(params, o)).getId();
        });
    db.createUpdate("update billing_prices set stripe_price_id = :id where plan = :plan and currency = :currency and stripe_price_id is distinct from :id")
        .bind("id", id)
        .bind("plan", price.plan())
        .bind("currency", price.currency())
        .execute();
    return id;
  }

  private static PlanPrice read(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new PlanPrice(rs.getString("plan"), rs.getString("currency"), rs.getLong("unit_amount"), rs.getString("billing_interval"),
        rs.getString("lookup_key"), rs.getString("stripe_price_id"));
  }
}
