package dev.saaskit.billing.plans;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/billing/plans}: every plan with its limits (null: unlimited) and its prices per
 * currency in minor units. A plan without prices ({@code free}) is not sold.
 */
public final class ListBillingPlans implements Endpoint<Void, ListBillingPlans.Response> {

  public record Price(String currency, long unitAmount, String interval, String stripePriceId) {}

  public record Plan(String code, String name, Map<String, Long> limits, List<Price> prices) {}

  public record Response(List<Plan> data) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    Map<String, List<Price>> prices = Prices.all(call.db()).stream().collect(Collectors.groupingBy(Prices.PlanPrice::plan,
        Collectors.mapping(p -> new Price(p.currency(), p.unitAmount(), p.interval(), p.stripePriceId()), Collectors.toList())));
    List<Plan> plans = call.db().createQuery(
            "select code, name, members, workspaces, api_keys, storage_bytes, api_requests_per_month from plans order by code")
        .map(rs -> {
          Map<String, Long> limits = new java.util.LinkedHashMap<>();
          for (String limit : List.of("members", "workspaces", "api_keys", "storage_bytes", "api_requests_per_month")) {
            long value = rs.getLong(limit);
            limits.put(limit, rs.wasNull() ? null : value);
          }
          String code = rs.getString("code");
          return new Plan(code, rs.getString("name"), limits, prices.getOrDefault(code, List.of()));
        })
        .list();
    return Reply.ok(new Response(plans));
  }
}
