-- Audit log reads, exports and retention (issue 20). The runtime keeps appending audit_logs; the
-- audit domain reads them and owns the exports.

-- How long each plan keeps its organizations' audit entries, in days; null keeps them until the
-- organization is purged. Operators change it with an UPDATE, like the plans' limits.
alter table plans
    add column audit_retention_days integer,
    add constraint plans_audit_retention_positive check (audit_retention_days > 0);
update plans set audit_retention_days = 30 where code = 'free';
update plans set audit_retention_days = 365 where code = 'pro';

-- Entries are appended and, past their plan's retention, purged: never changed. The database
-- refuses an UPDATE or TRUNCATE whoever sends it; deletes come only from the runtime's purge.
create function audit_logs_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_logs entries cannot be changed' using errcode = 'restrict_violation';
end
$$;
create trigger audit_logs_no_update before update on audit_logs
    for each row execute function audit_logs_append_only();
create trigger audit_logs_no_truncate before truncate on audit_logs
    for each statement execute function audit_logs_append_only();

-- The list's filters, newest first within an organization, and the purge's and the platform-wide
-- list's time ranges.
create index audit_logs_organization_action on audit_logs (organization_id, action, id);
create index audit_logs_organization_resource on audit_logs (organization_id, resource_type, resource_id, id);
create index audit_logs_organization_actor on audit_logs (organization_id, actor_user_id, id);
create index audit_logs_created_at on audit_logs (created_at);

-- An export of the entries one filter selects, written to S3 by the audit-exports consumer.
-- organization_id: the organization of the caller who asked (whose members may read the export);
-- scope_organization_id: the organization whose entries it holds, null for a super_admin's export
-- across organizations (then only super_admins read it).
create table audit_exports (
    id                    uuid        primary key,
    organization_id       uuid        not null references organizations (id) on delete cascade,
    scope_organization_id uuid,
    requested_by_user_id  uuid,
    requested_by_api_key_id uuid,
    format                text        not null,
    actor_user_id         uuid,
    actor_api_key_id      uuid,
    action                text,
    resource_type         text,
    resource_id           text,
    from_time             timestamptz,
    to_time               timestamptz,
    status                text        not null default 'queued',
    row_count             bigint,
    size_bytes            bigint,
    object_key            text,
    error                 text,
    created_at            timestamptz not null default now(),
    completed_at          timestamptz,
    file_expires_at       timestamptz,
    constraint audit_exports_format_known check (format in ('csv', 'jsonl')),
    constraint audit_exports_status_known check (status in ('queued', 'succeeded', 'failed', 'expired'))
);
create index audit_exports_organization on audit_exports (organization_id, id);
create index audit_exports_file_expiry on audit_exports (file_expires_at) where object_key is not null;
