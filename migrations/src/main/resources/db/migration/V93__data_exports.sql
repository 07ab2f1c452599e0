-- Organization data exports (issue 20): everything an organization holds (members, workspaces, API
-- keys without secrets, support tickets with their public comments, notifications, audit entries)
-- as one JSON Lines file in S3, written by the data-exports consumer. The audit domain owns the
-- table and reads the other domains' tables for it (read_by in ownership.yaml).

-- status: queued (waiting for the consumer), running (claimed by the consumer's attempt `attempt`
-- at claimed_at), completed (object_key, size_bytes and row_count say what was written), failed
-- (error is the public reason), expired (the file was deleted after file_expires_at).
-- sections_done and rows_written are the running attempt's progress, committed batch by batch.
create table data_exports (
    id                      uuid        primary key,
    organization_id         uuid        not null references organizations (id) on delete cascade,
    requested_by_user_id    uuid        not null,
    status                  text        not null default 'queued',
    attempt                 integer     not null default 0,
    claimed_at              timestamptz,
    sections_done           text[]      not null default '{}',
    rows_written            bigint      not null default 0,
    row_count               bigint,
    size_bytes              bigint,
    object_key              text,
    error                   text,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    completed_at            timestamptz,
    file_expires_at         timestamptz,
    constraint data_exports_status_known check (status in ('queued', 'running', 'completed', 'failed', 'expired'))
);
create index data_exports_organization on data_exports (organization_id, created_at);
create index data_exports_file_expiry on data_exports (file_expires_at) where object_key is not null;
-- At most one export of an organization in progress: a second request loses the insert (409).
create unique index data_exports_one_in_progress on data_exports (organization_id) where status in ('queued', 'running');

-- The export reads these tables a batch at a time in id order within the organization; their
-- owners' indexes lead with the ticket or the notification, not the organization.
create index support_comments_organization on support_comments (organization_id, id);
create index notification_deliveries_organization on notification_deliveries (organization_id, id);
