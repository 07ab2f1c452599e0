package dev.saaskit.audit.analytics;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.db.Query;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Reads audit's roll-ups for the analytics routes: one range of one roll-up, of one organization
 * or, for a super_admin who names none, of all of them (and the work of no organization).
 */
final class UsageStore {

  /** What ran: the function, its trigger, and its route (null unless HTTP). */
  record Work(String function, String trigger, String route) {}

  record RequestCount(Instant periodStart, Work work, int statusClass, long requests) {}

  record Latency(Work work, long requests, long coldStarts, BigDecimal durationMsSum, long[] histogram) {}

  record Consumption(Work work, long requests, long billedMbMs) {}

  /** One currency's Stripe invoices of the range: how many, and what was paid, in its smallest unit. */
  record Charges(String currency, long invoices, long amountPaidMinor) {}

  private final Handle db;
  private final AnalyticsRange range;

  UsageStore(Handle db, AnalyticsRange range) {
    this.db = db;
    this.range = range;
  }

  List<RequestCount> requestCounts() {
    return query("""
        select period_start, function_name, trigger, route, status_class, sum(requests) as requests
          from %s
         where period_start >= :from and period_start < :to%s
         group by period_start, function_name, trigger, route, status_class
         order by period_start, route nulls last, function_name, status_class
        """)
        .map(rs -> new RequestCount(rs.getObject("period_start", OffsetDateTime.class).toInstant(), work(rs),
            rs.getInt("status_class"), rs.getLong("requests")))
        .list();
  }

  List<Latency> latencies() {
    return query("""
        select function_name, trigger, route, sum(requests) as requests, sum(cold_starts) as cold_starts,
               sum(duration_ms_sum) as duration_ms_sum, usage_histogram_sum(duration_histogram) as histogram
          from %s
         where period_start >= :from and period_start < :to%s
         group by function_name, trigger, route
         order by route nulls last, function_name
        """)
        .map(rs -> new Latency(work(rs), rs.getLong("requests"), rs.getLong("cold_starts"),
            rs.getBigDecimal("duration_ms_sum"), longs(rs.getArray("histogram"))))
        .list();
  }

  List<Consumption> consumption() {
    return query("""
        select function_name, trigger, route, sum(requests) as requests, sum(billed_mb_ms) as billed_mb_ms
          from %s
         where period_start >= :from and period_start < :to%s
         group by function_name, trigger, route
         order by route nulls last, function_name
        """)
        .map(rs -> new Consumption(work(rs), rs.getLong("requests"), rs.getLong("billed_mb_ms")))
        .list();
  }

  /** billing's invoices created in the range (billing_invoices, read_by audit), per currency. */
  List<Charges> charges() {
    String sql = """
        select lower(currency) as currency, count(*) as invoices, sum(amount_paid) as amount_paid
          from billing_invoices
         where created_at >= :from and created_at < :to%s
         group by lower(currency)
         order by lower(currency)
        """.formatted(range.organizationId() == null ? "" : "\n   and organization_id = :org");
    return bind(db.createQuery(sql))
        .map(rs -> new Charges(rs.getString("currency"), rs.getLong("invoices"), rs.getLong("amount_paid")))
        .list();
  }

  /** The statement over the range's roll-up, narrowed to the organization where there is one. */
  private Query query(String template) {
    String sql = template.formatted(range.granularity().table,
        range.organizationId() == null ? "" : "\n   and organization_id = :org");
    return bind(db.createQuery(sql));
  }

  private Query bind(Query query) {
    query.bind("from", range.from()).bind("to", range.to());
    if (range.organizationId() != null) {
      query.bind("org", range.organizationId());
    }
    return query;
  }

  private static Work work(ResultSet rs) throws SQLException {
    return new Work(rs.getString("function_name"), rs.getString("trigger"), rs.getString("route"));
  }

  private static long[] longs(Array array) throws SQLException {
    Long[] values = (Long[]) array.getArray();
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      longs[i] = values[i];
    }
    return longs;
  }
}
