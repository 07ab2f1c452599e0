package dev.saaskit.audit.analytics;

import dev.saaskit.shared.http.Call;
import dev.saaskit.shared.http.Endpoint;
import dev.saaskit.shared.http.Reply;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/analytics/performance?from=&to=}: per function and route, the requests, cold
 * starts, mean duration and the p50, p95 and p99 durations read from the range's histograms merged
 * (DurationHistogram: at most 9.3 % above the true value). Scope and range: {@link AnalyticsRange}.
 */
public final class GetPerformance implements Endpoint<Void, GetPerformance.Response> {

  public record RouteLatency(
      String function, String trigger, String route, long requests, long coldStarts,
      BigDecimal meanMs, BigDecimal p50Ms, BigDecimal p95Ms, BigDecimal p99Ms) {}

  public record Response(UUID organizationId, Instant from, Instant to, String precision, List<RouteLatency> routes) {}

  @Override
  public Reply<Response> handle(Call<Void> call) {
    AnalyticsRange range = AnalyticsRange.of(call);
    List<RouteLatency> routes = new UsageStore(call.db(), range).latencies().stream()
        .map(l -> new RouteLatency(l.work().function(), l.work().trigger(), l.work().route(), l.requests(), l.coldStarts(),
            l.durationMsSum().divide(BigDecimal.valueOf(l.requests()), 2, RoundingMode.HALF_UP),
            DurationHistogram.percentileMs(l.histogram(), 50),
            DurationHistogram.percentileMs(l.histogram(), 95),
            DurationHistogram.percentileMs(l.histogram(), 99)))
        .toList();
    return Reply.ok(new Response(range.organizationId(), range.from(), range.to(), DurationHistogram.PRECISION, routes));
  }
}
