-- The platform's core tables: tenants, people, membership, the audit trail, and what the function
-- runtime needs (idempotency keys, the transactional outbox). Ids are UUIDv7 made by the
-- application; every timestamp is timestamptz.

create table organizations (
    id          uuid primary key,
    name        text        not null,
    slug        text        not null,
    plan        text        not null default 'free',
    settings    jsonb       not null default '{}'::jsonb,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    deleted_at  timestamptz,
    constraint organizations_settings_is_object check (jsonb_typeof(settings) = 'object')
);
create unique index organizations_slug_key on organizations (slug);

-- Emails are stored normalised (NFC, lower case) by the application, so equality is exact.
create table users (
    id                uuid primary key,
    email             text        not null,
    email_verified_at timestamptz,
    password_hash     text,
    full_name         text        not null,
    locale            text,
    timezone          text,
    platform_roles    text[]      not null default '{}',
    active            boolean     not null default true,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    deleted_at        timestamptz,
    constraint users_platform_roles_known check (platform_roles <@ array['super_admin', 'support_agent']::text[])
);
create unique index users_email_key on users (email) where deleted_at is null;

create table organization_members (
    organization_id uuid        not null references organizations (id),
    user_id         uuid        not null references users (id),
    role            text        not null,
    created_at      timestamptz not null default now(),
    primary key (organization_id, user_id),
    constraint organization_members_role_known check (role in ('org_admin', 'billing_admin', 'user'))
);
create index organization_members_user on organization_members (user_id);

-- organization_id is null for platform-level events (e.g. a failed sign-in for an unknown email).
create table audit_logs (
    id               uuid primary key,
    organization_id  uuid,
    actor_user_id    uuid,
    actor_api_key_id uuid,
    action           text        not null,
    resource_type    text        not null,
    resource_id      text,
    request_id       text,
    ip               text,
    user_agent       text,
    details          jsonb       not null default '{}'::jsonb,
    created_at       timestamptz not null default now()
);
create index audit_logs_organization on audit_logs (organization_id, id);

-- A POST with an Idempotency-Key: claimed in the request's transaction, completed with the
-- response before commit, honoured for 24 hours.
create table idempotency_keys (
    owner        text        not null,
    route        text        not null,
    key          text        not null,
    request_hash text        not null,
    status       integer,
    headers      jsonb,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (owner, route, key)
);
create index idempotency_keys_created on idempotency_keys (created_at);

-- Messages written with the change that caused them, sent after commit; the relay sends what
-- is left once available_at has passed.
create table outbox_messages (
    id             uuid primary key,
    queue          text        not null,
    body           text        not null,
    correlation_id text,
    attempts       integer     not null default 0,
    available_at   timestamptz not null,
    created_at     timestamptz not null default now()
);
create index outbox_messages_available on outbox_messages (available_at);
