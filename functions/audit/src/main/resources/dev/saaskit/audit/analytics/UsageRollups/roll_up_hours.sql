-- Recomputes usage_hourly for the hours :hours (their starts, UTC) from every record in them and
-- upserts the result: a row's numbers are replaced, never added to.
with per_bucket as (
    select h.period_start, r.organization_id, r.function_name, r.trigger, r.route, r.status_class,
           width_bucket(cast(r.duration_ms * 1000 as bigint), cast(:bounds as bigint[])) as bucket,
           count(*) as requests,
           sum(r.duration_ms) as duration_ms_sum,
           sum(r.billed_ms) as billed_ms_sum,
           sum(cast(r.billed_ms as bigint) * r.memory_mb) as billed_mb_ms,
           count(*) filter (where r.cold_start) as cold_starts
      from unnest(cast(:hours as timestamptz[])) as h(period_start)
      join request_records r on r.occurred_at >= h.period_start and r.occurred_at < h.period_start + interval '1 hour'
     group by 1, 2, 3, 4, 5, 6, 7
)
insert into usage_hourly (period_start, organization_id, function_name, trigger, route, status_class, requests,
                          duration_ms_sum, billed_ms_sum, billed_mb_ms, cold_starts, duration_histogram, rolled_up_at)
select period_start, organization_id, function_name, trigger, route, status_class, sum(requests),
       sum(duration_ms_sum), sum(billed_ms_sum), sum(billed_mb_ms), sum(cold_starts),
       -- each bucket's count at its place in an array of :buckets zeros, the arrays added up
       usage_histogram_sum(array_fill(cast(0 as bigint), array[bucket]) || requests
                           || array_fill(cast(0 as bigint), array[cast(:buckets as integer) - bucket - 1])),
       now()
  from per_bucket
 group by 1, 2, 3, 4, 5, 6
    on conflict on constraint usage_hourly_key do update
   set requests = excluded.requests, duration_ms_sum = excluded.duration_ms_sum, billed_ms_sum = excluded.billed_ms_sum,
       billed_mb_ms = excluded.billed_mb_ms, cold_starts = excluded.cold_starts,
       duration_histogram = excluded.duration_histogram, rolled_up_at = excluded.rolled_up_at
