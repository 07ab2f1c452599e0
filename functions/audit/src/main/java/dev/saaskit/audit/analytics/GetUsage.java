package dev.saaskit.audit.analytics;

import dev.saaskit.audit.analytics.UsageStore.RequestCount;
import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/usage?from=&to=&granularity=hour|day}: requests per period, and in
 * each per function and route, by status class. Periods without requests are left out. Scope and
 * range: {@link AnalyticsRange}.
 */
public final class GetUsage implements Endpoint<Void, GetUsage.Response> {

  /** @param statusClasses requests by the class of their answer, {@code 1xx} to {@code 5xx} (other triggers: 2xx ran, 5xx failed) */
  public record Counts(long requests, Map<String, Long> statusClasses) {}

  /** @param route the catalog's route key, e.g. {@code GET /api/v1/me}; null for queue, schedule and direct work */
  public record RouteUsage(String function, String trigger, String route, Counts counts) {}

  public record PeriodUsage(Instant periodStart, Counts counts, List<RouteUsage> routes) {}

  public record Response(UUID organizationId, Instant from, Instant to, String granularity, Counts total, List<PeriodUsage> periods) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    AnalyticsRange range = AnalyticsRange.withGranularity(call);
    List<RequestCount> rows = new UsageStore(call.db(), range).requestCounts();
    long[] total = new long[5];
    List<PeriodUsage> periods = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      Instant period = rows.get(i).periodStart();
      long[] periodTotal = new long[5];
      Map<UsageStore.Work, long[]> byWork = new LinkedHashMap<>();
      for (; i < rows.size() && rows.get(i).periodStart().equals(period); i++) {
        RequestCount row = rows.get(i);
        byWork.computeIfAbsent(row.work(), w -> new long[5])[row.statusClass() - 1] += row.requests();
        periodTotal[row.statusClass() - 1] += row.requests();
        total[row.statusClass() - 1] += row.requests();
      }
      List<RouteUsage> routes = new ArrayList<>();
      byWork.forEach((work, classes) -> routes.add(new RouteUsage(work.function(), work.trigger(), work.route(), counts(classes))));
      periods.add(new PeriodUsage(period, counts(periodTotal), routes));
    }
    return Reply.ok(new Response(range.organizationId(), range.from(), range.to(), range.granularity().code(), counts(total), periods));
  }

  private static Counts counts(long[] classes) {
    Map<String, Long> byClass = new LinkedHashMap<>();
    long requests = 0;
    for (int c = 0; c < classes.length; c++) {
      byClass.put((c + 1) + "xx", classes[c]);
      requests += classes[c];
    }
    return new Counts(requests, byClass);
  }
}
