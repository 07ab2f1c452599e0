-- Tenancy: plans and their limits, invitations, workspaces with their members, and soft deletion
-- of organizations with a purge after the retention period.

-- The plans and their limits, defined here and nowhere else: operators change a limit with an
-- UPDATE, without a deploy. A null limit is unlimited. The column names are the limits' codes
-- (dev.saaskit.shared.limits.Limits.Limit).
create table plans (
    code                   text primary key,
    name                   text   not null,
    members                bigint,
    workspaces             bigint,
    api_keys               bigint,
    storage_bytes          bigint,
    api_requests_per_month bigint,
    constraint plans_code_format check (code ~ '^[a-z0-9_]{1,32}$'),
    constraint plans_limits_not_negative check (
        members >= 0 and workspaces >= 0 and api_keys >= 0 and storage_bytes >= 0 and api_requests_per_month >= 0)
);

insert into plans (code, name, members, workspaces, api_keys, storage_bytes, api_requests_per_month) values
    ('free',       'Free',       5,    3,    2,    1073741824,   10000),
    ('pro',        'Pro',        50,   50,   25,   107374182400, 1000000),
    ('enterprise', 'Enterprise', null, null, null, null,         null);

-- allowed_email_domains: when not empty, invitations go only to addresses at these domains.
-- purge_after: set when the organization is soft-deleted; the purge job deletes it after then.
alter table organizations
    add column allowed_email_domains text[] not null default '{}',
    add column purge_after timestamptz,
    add constraint organizations_plan_known foreign key (plan) references plans (code),
    add constraint organizations_slug_format check (slug ~ '^[a-z0-9-]{3,63}$');

-- Purging an organization takes its tenant-owned rows with it.
alter table organization_members
    drop constraint organization_members_organization_id_fkey,
    add constraint organization_members_organization_id_fkey
        foreign key (organization_id) references organizations (id) on delete cascade;

-- The token is sent by email only; the table keeps its SHA-256. Actor columns carry no foreign key,
-- like audit_logs: they record who acted, whatever becomes of that account.
create table invitations (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    email           text        not null,
    role            text        not null,
    token_hash      bytea       not null,
    invited_by      uuid        not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    accepted_at     timestamptz,
    accepted_by     uuid,
    revoked_at      timestamptz,
    revoked_by      uuid,
    constraint invitations_role_known check (role in ('org_admin', 'billing_admin', 'user')),
    constraint invitations_one_outcome check (accepted_at is null or revoked_at is null)
);
create unique index invitations_token_hash_key on invitations (token_hash);
create index invitations_organization on invitations (organization_id, id);

create table workspaces (
    id              uuid primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    name            text        not null,
    description     text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    -- Lets workspace_members hold workspace and member to the same organization.
    constraint workspaces_id_organization_key unique (id, organization_id)
);
create index workspaces_organization on workspaces (organization_id, id);

-- Only members of the workspace's organization; leaving the organization leaves its workspaces.
create table workspace_members (
    workspace_id    uuid        not null,
    organization_id uuid        not null,
    user_id         uuid        not null,
    role            text        not null,
    created_at      timestamptz not null default now(),
    primary key (workspace_id, user_id),
    constraint workspace_members_workspace foreign key (workspace_id, organization_id)
        references workspaces (id, organization_id) on delete cascade,
    constraint workspace_members_member foreign key (organization_id, user_id)
        references organization_members (organization_id, user_id) on delete cascade,
    constraint workspace_members_role_known check (role in ('admin', 'contributor', 'viewer'))
);
create index workspace_members_member on workspace_members (organization_id, user_id);
