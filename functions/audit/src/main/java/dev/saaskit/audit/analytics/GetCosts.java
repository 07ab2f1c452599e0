package dev.saaskit.audit.analytics;

import dev.saaskit.audit.analytics.UsageStore.Charges;
import dev.saaskit.audit.analytics.UsageStore.Consumption;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/costs?from=&to=}: the estimated AWS cost of the range's work per
 * function and route and in total, each line with its quantity, the price used and its source (see
 * {@link CloudPrice}), beside the Stripe invoices created in the range and the margin between them.
 * Money is a decimal string of US dollars: a line's amount rounded half up to {@link #SCALE} places,
 * the totals the sums of the lines, so every number shown adds up. Scope and range: {@link AnalyticsRange}.
 */
public final class GetCosts implements Endpoint<Void, GetCosts.Response> {

  /** Decimal places of the amounts: 1e-10 USD, below which no price here is divided. */
  static final int SCALE = 10;
  /**
   * SQS requests one queue-triggered invocation accounts for: the send of its message, the receive
   * that delivered it and the delete after it. Empty polls belong to no invocation and are not counted.
   */
  static final int SQS_REQUESTS_PER_INVOCATION = 3;
  /** billed ms x memory MB per GB-second. */
  private static final BigDecimal MB_MS_PER_GB_SECOND = BigDecimal.valueOf(1024L * 1000L);

  /**
   * @param quantity how many units were used (GB-seconds or requests), a decimal string
   * @param priceUsd the price used, per {@code pricePer}
   * @param basis the arithmetic, in words
   */
  public record Line(String item, String quantity, String unit, String priceUsd, String pricePer, String usd, String basis) {}

  public record RouteCost(String function, String trigger, String route, long requests, String gbSeconds, List<Line> lines, String usd) {}

  public record Price(String item, String usd, String per, String setting, String source) {}

  /** @param amountPaidMinor what the invoices' customers paid, in the currency's smallest unit (cents) */
  public record Charge(String currency, long invoices, long amountPaidMinor) {}

  /** @param chargedUsd the usd invoices' payments in dollars; other currencies are listed, not converted */
  public record Stripe(List<Charge> charges, String chargedUsd, String basis) {}

  public record Response(
      UUID organizationId, Instant from, Instant to, String currency, List<Price> prices, List<RouteCost> routes,
      List<Line> totals, String totalUsd, Stripe stripe, String marginUsd) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    AnalyticsRange range = AnalyticsRange.of(call);
    UsageStore store = new UsageStore(call.db(), range);
    Map<CloudPrice, BigDecimal> prices = new EnumMap<>(CloudPrice.class);
    for (CloudPrice price : CloudPrice.values()) {
      prices.put(price, price.usd());
    }

    List<RouteCost> routes = new ArrayList<>();
    Map<CloudPrice, BigDecimal[]> totals = new EnumMap<>(CloudPrice.class);
    BigDecimal total = BigDecimal.ZERO;
    for (Consumption c : store.consumption()) {
      BigDecimal gbSeconds = new BigDecimal(c.billedMbMs()).divide(MB_MS_PER_GB_SECOND);
      BigDecimal invocations = BigDecimal.valueOf(c.requests());
      List<Line> lines = new ArrayList<>();
      lines.add(line(CloudPrice.LAMBDA_COMPUTE, prices, gbSeconds, "GB-second",
          "billed ms x memory MB / 1,024,000 = " + plain(gbSeconds) + " GB-seconds", totals));
      lines.add(line(CloudPrice.LAMBDA_REQUESTS, prices, invocations, "request", c.requests() + " invocations", totals));
      if (c.work().trigger().equals("http")) {
        lines.add(line(CloudPrice.API_GATEWAY_REQUESTS, prices, invocations, "request", c.requests() + " HTTP API requests", totals));
      }
      if (c.work().trigger().equals("sqs")) {
        BigDecimal requests = invocations.multiply(BigDecimal.valueOf(SQS_REQUESTS_PER_INVOCATION));
        lines.add(line(CloudPrice.SQS_REQUESTS, prices, requests, "request", c.requests() + " invocations x "
            + SQS_REQUESTS_PER_INVOCATION + " (the send, receive and delete of each message) = " + plain(requests) + " requests", totals));
      }
      BigDecimal usd = lines.stream().map(l -> new BigDecimal(l.usd())).reduce(BigDecimal.ZERO, BigDecimal::add);
      total = total.add(usd);
      routes.add(new RouteCost(c.work().function(), c.work().trigger(), c.work().route(), c.requests(), plain(gbSeconds), lines, plain(usd)));
    }

    List<Line> totalLines = new ArrayList<>();
    totals.forEach((price, sums) -> totalLines.add(new Line(price.code(), plain(sums[0]),
        price == CloudPrice.LAMBDA_COMPUTE ? "GB-second" : "request", plain(prices.get(price)), price.per, plain(sums[1]),
        "the sum of the routes' " + price.code() + " lines")));

    List<Charges> invoiced = store.charges();
    List<Charge> charges = invoiced.stream().map(c -> new Charge(c.currency(), c.invoices(), c.amountPaidMinor())).toList();
    BigDecimal chargedUsd = BigDecimal.valueOf(
        invoiced.stream().filter(c -> c.currency().equals("usd")).mapToLong(Charges::amountPaidMinor).sum(), 2);
    Stripe stripe = new Stripe(charges, plain(chargedUsd),
        "amount_paid of the Stripe invoices created in the range; margin_usd is charged_usd minus total_usd");

    List<Price> priceList = new ArrayList<>();
    prices.forEach((price, usd) -> priceList.add(new Price(price.code(), plain(usd), price.per, price.setting, price.sourceOf(usd))));
    return Reply.ok(new Response(range.organizationId(), range.from(), range.to(), "usd", priceList, routes, totalLines,
        plain(total), stripe, plain(chargedUsd.subtract(total))));
  }

  /** A line: {@code quantity} x the price / the units it is quoted per, rounded; added to the totals. */
  private static Line line(CloudPrice price, Map<CloudPrice, BigDecimal> prices, BigDecimal quantity, String unit, String what,
      Map<CloudPrice, BigDecimal[]> totals) {
    BigDecimal usd = quantity.multiply(prices.get(price)).divide(price.unitsPer, SCALE, RoundingMode.HALF_UP);
    BigDecimal[] sums = totals.computeIfAbsent(price, p -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    sums[0] = sums[0].add(quantity);
    sums[1] = sums[1].add(usd);
    return new Line(price.code(), plain(quantity), unit, plain(prices.get(price)), price.per, plain(usd),
        what + " x " + plain(prices.get(price)) + " USD per " + price.per);
  }

  private static String plain(BigDecimal value) {
    return value.toPlainString();
  }
}
