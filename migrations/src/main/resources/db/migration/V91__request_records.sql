-- Usage analytics (issue 20): one row per invocation record a function wrote to its log. The
-- functions never write here: CloudWatch Logs (the local emulator in its place) delivers their
-- invocation lines to audit's ingest-usage function, so recording costs a request no round trip.
-- Roll-ups per hour and day are made from these rows by a schedule; rows past a few days are purged.
create table request_records (
    -- The log event's id (CloudWatch's, or the emulator's): a batch delivered twice inserts nothing.
    record_id       text        primary key,
    occurred_at     timestamptz not null,
    -- The caller's organization; null where there was none (public routes, most queue and schedule work).
    organization_id uuid,
    function_name   text        not null,
    trigger         text        not null check (trigger in ('http', 'sqs', 'schedule', 'direct')),
    -- "GET /api/v1/me" (the catalog's route key) for HTTP functions, null otherwise.
    route           text,
    -- 2, 3, 4 or 5 from the HTTP status; other triggers 2 when they succeeded and 5 when they failed.
    status_class    smallint    not null check (status_class between 1 and 5),
    duration_ms     numeric(12, 2) not null check (duration_ms >= 0),
    -- What Lambda bills: the duration rounded up to the millisecond, at the function's configured memory.
    billed_ms       integer     not null check (billed_ms >= 0),
    memory_mb       integer     not null check (memory_mb > 0),
    cold_start      boolean     not null
);
create index request_records_occurred_at on request_records (occurred_at);
create index request_records_organization on request_records (organization_id, occurred_at);
