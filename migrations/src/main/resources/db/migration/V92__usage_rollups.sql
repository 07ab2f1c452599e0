-- Usage analytics roll-ups (issue 20): request_records summed per hour and per UTC day by audit's
-- roll-up-usage schedule, which the analytics routes read. Each roll-up row is recomputed whole
-- from its sources (records for an hour, hours for a day) and upserted: a run never adds to a row,
-- so running twice, or recomputing an hour a late record fell into, gives the same numbers.

-- When a record arrived (its insert's time), so a run finds the hours that late records changed.
alter table request_records add column recorded_at timestamptz not null default now();
create index request_records_recorded_at on request_records (recorded_at);

-- One row per organization (null: none), function, trigger, route (null unless HTTP), status class
-- and hour (period_start, UTC) with at least one record.
--   duration_histogram  requests counted per duration bucket: element i (0-based) counts durations
--                       in [bound i-1, bound i) of the fixed bounds in DurationHistogram.BOUNDS_US
--                       (microseconds, 100 x 2^(k/8)), element 0 those under the first bound; the
--                       bounds never change without rewriting these arrays.
--   billed_mb_ms        billed milliseconds x memory MB: GB-seconds x 1024 x 1000, kept whole.
create table usage_hourly (
    period_start       timestamptz not null,
    organization_id    uuid,
    function_name      text        not null,
    trigger            text        not null,
    route              text,
    status_class       smallint    not null,
    requests           bigint      not null,
    duration_ms_sum    numeric(20, 2) not null,
    billed_ms_sum      bigint      not null,
    billed_mb_ms       bigint      not null,
    cold_starts        bigint      not null,
    duration_histogram bigint[]    not null,
    rolled_up_at       timestamptz not null,
    constraint usage_hourly_key unique nulls not distinct
        (organization_id, period_start, function_name, trigger, route, status_class)
);
-- The platform-wide ranges of a super_admin who names no organization.
create index usage_hourly_period on usage_hourly (period_start);

-- The same per UTC day (period_start at 00:00 UTC), summed from usage_hourly.
create table usage_daily (
    period_start       timestamptz not null,
    organization_id    uuid,
    function_name      text        not null,
    trigger            text        not null,
    route              text,
    status_class       smallint    not null,
    requests           bigint      not null,
    duration_ms_sum    numeric(20, 2) not null,
    billed_ms_sum      bigint      not null,
    billed_mb_ms       bigint      not null,
    cold_starts        bigint      not null,
    duration_histogram bigint[]    not null,
    rolled_up_at       timestamptz not null,
    constraint usage_daily_key unique nulls not distinct
        (organization_id, period_start, function_name, trigger, route, status_class)
);
create index usage_daily_period on usage_daily (period_start);

-- The recorded_at up to which the last run rolled up every record (one row).
create table usage_rollup_state (
    singleton       boolean     primary key default true check (singleton),
    records_through timestamptz not null
);
insert into usage_rollup_state (records_through) values ('-infinity');

-- Histograms of the same bounds added element by element: the day's from its hours, a range's
-- percentiles from its rows.
create function usage_histogram_add(total bigint[], counts bigint[]) returns bigint[]
    language sql immutable parallel safe as $$
    select case when total is null then counts
                else array(select t + c from unnest(total, counts) with ordinality as u(t, c, i) order by i) end
$$;
create aggregate usage_histogram_sum(bigint[]) (sfunc = usage_histogram_add, stype = bigint[]);
