package dev.saaskit.billing.usage;

import com.stripe.param.billing.MeterEventCreateParams;
import dev.saaskit.billing.StripeApi;
import dev.saaskit.shared.config.Settings;
import dev.saaskit.shared.db.Database;
import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.log.Log;
import dev.saaskit.shared.schedule.ScheduledJob;
import dev.saaskit.shared.schedule.ScheduledRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code billing-usage-sync} (hourly): the API requests an organization's keys made with a 2xx
 * answer (the keys' usage counts, per UTC day) become Stripe meter events ({@code
 * BILLING_METER_EVENT_NAME}, default {@code api_requests}) for organizations with a subscription
 * that is active, trialing or past due.
 *
 * <p>Billed once, whatever fails: each run first records, per organization and day, what the counts
 * grew by since the last report, as a row with a deterministic identifier ({@code
 * usage-<organization>-<day>-<sequence>}), and commits it before calling Stripe. Then it sends every
 * row not yet sent, with that identifier as the meter event's (Stripe keeps one event per
 * identifier) and as the idempotency key. A run that dies after Stripe took an event but before
 * marking it sent sends the same identifier again next time, which Stripe does not count twice.
 *
 * <p>A day stays open for late counts until {@code BILLING_USAGE_GRACE_HOURS} (default 24) after
 * it ends; what a closed day's counts grow by later is not billed.
 */
public final class SyncUsage implements ScheduledJob {

  private final StripeApi stripe;

  public SyncUsage(StripeApi stripe) {
    this.stripe = stripe;
  }

  private record Report(String identifier, String customer, long quantity, LocalDate day) {}

  @Override
  public Map<String, Object> run(ScheduledRun run) {
    Database database = run.platform().database();
    Instant now = run.now();
    Duration grace = Duration.ofHours(Settings.getInt("BILLING_USAGE_GRACE_HOURS", 24));
    LocalDate firstOpen = LocalDate.ofInstant(now.minus(grace), ZoneOffset.UTC);
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    int recorded;
    try (Handle db = database.open()) {
      recorded = db.inTransaction(tx -> tx.createUpdate(
              """
              with usage as (
                select u.organization_id, u.day, sum(u.status_2xx) as total
                  from api_key_usage u
                 where u.day between :first and :last
                   and exists (select 1 from billing_subscriptions s
                                where s.organization_id = u.organization_id and s.status in ('active', 'trialing', 'past_due'))
                 group by u.organization_id, u.day
              ), reported as (
                select organization_id, day, sum(quantity) as quantity, max(sequence) as sequence
                  from billing_usage_reports
                 where day between :first and :last
                 group by organization_id, day
              )
              insert into billing_usage_reports (organization_id, day, sequence, quantity, identifier, stripe_customer_id)
              select u.organization_id, u.day, coalesce(r.sequence, 0) + 1, u.total - coalesce(r.quantity, 0),
                     'usage-' || u.organization_id || '-' || u.day || '-' || (coalesce(r.sequence, 0) + 1), c.stripe_customer_id
                from usage u
                join billing_customers c on c.organization_id = u.organization_id
                left join reported r on r.organization_id = u.organization_id and r.day = u.day
               where u.total > coalesce(r.quantity, 0)
              on conflict do nothing
              """)
          .bind("first", firstOpen)
          .bind("last", today)
          .execute());
    }
    List<Report> unsent;
    try (Handle db = database.open()) {
      unsent = db.createQuery(
              "select identifier, stripe_customer_id, quantity, day from billing_usage_reports where sent_at is null order by created_at, identifier limit 1000")
          .map(rs -> new Report(rs.getString("identifier"), rs.getString("stripe_customer_id"), rs.getLong("quantity"),
              rs.getObject("day", LocalDate.class)))
          .list();
    }
    String eventName = Settings.get("BILLING_METER_EVENT_NAME", "api_requests");
    int sent = 0;
    int failed = 0;
    for (Report report : unsent) {
      try {
        send(eventName, report, now);
      } catch (RuntimeException e) {
        failed++;
        Log.warn("meter_event_not_sent", e);
        continue;
      }
      try (Handle db = database.open()) {
        db.createUpdate("update billing_usage_reports set sent_at = now() where identifier = :id").bind("id", report.identifier()).execute();
      }
      sent++;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("open_days_from", firstOpen.toString());
    result.put("reports_recorded", recorded);
    result.put("meter_events_sent", sent);
    result.put("meter_events_failed", failed);
    if (failed > 0) {
      throw new IllegalStateException(failed + " meter events were not sent; the next run sends them under the same identifiers: " + result);
    }
    return result;
  }

  /** The day's usage, stamped within the day (and not in the future, which Stripe refuses). */
  private void send(String eventName, Report report, Instant now) {
    Instant endOfDay = report.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    Instant timestamp = endOfDay.isAfter(now) ? now : endOfDay;
    MeterEventCreateParams params = MeterEventCreateParams.builder()
        .setEventName(eventName)
        .setIdentifier(report.identifier())
        .setTimestamp(timestamp.getEpochSecond())
        .putPayload("stripe_customer_id", report.customer())
        .putPayload("value", String.valueOf(report.quantity()))
        .build();
    stripe.change(report.identifier(), (c, o) -> c.v1().billing().meterEvents().create(params, o));
  }
}
