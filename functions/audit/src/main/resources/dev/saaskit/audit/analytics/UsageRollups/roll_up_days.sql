-- Recomputes usage_daily for the UTC days :days (their starts) from their hours in usage_hourly and
-- upserts the result: a row's numbers are replaced, never added to.
insert into usage_daily (period_start, organization_id, function_name, trigger, route, status_class, requests,
                         duration_ms_sum, billed_ms_sum, billed_mb_ms, cold_starts, duration_histogram, rolled_up_at)
select d.period_start, u.organization_id, u.function_name, u.trigger, u.route, u.status_class, sum(u.requests),
       sum(u.duration_ms_sum), sum(u.billed_ms_sum), sum(u.billed_mb_ms), sum(u.cold_starts),
       usage_histogram_sum(u.duration_histogram), now()
  from unnest(cast(:days as timestamptz[])) as d(period_start)
  join usage_hourly u on u.period_start >= d.period_start and u.period_start < d.period_start + interval '1 day'
 group by 1, 2, 3, 4, 5, 6
    on conflict on constraint usage_daily_key do update
   set requests = excluded.requests, duration_ms_sum = excluded.duration_ms_sum, billed_ms_sum = excluded.billed_ms_sum,
       billed_mb_ms = excluded.billed_mb_ms, cold_starts = excluded.cold_starts,
       duration_histogram = excluded.duration_histogram, rolled_up_at = excluded.rolled_up_at
