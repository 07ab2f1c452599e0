-- API keys: an organization's programs call the API with them instead of a user's token.
-- A key's secret is never stored: api_key_secrets holds the SHA-256 of each secret that still works
-- (two while a rerolled key's previous secret is in its grace period; none once the key is revoked).
-- Everything here goes with its organization when tenancy purges it.

create table api_keys (
    id                  uuid primary key,
    organization_id     uuid        not null references organizations (id) on delete cascade,
    -- A key may belong to a workspace of its organization (checked by the keys domain).
    workspace_id        uuid        references workspaces (id) on delete set null,
    name                text        not null,
    environment         text        not null,
    -- The start of the current secret (vk_live_ and six characters), to tell keys apart in lists.
    prefix              text        not null,
    scopes              text[]      not null,
    rate_limit_requests integer     not null,
    rate_limit_seconds  integer     not null,
    expires_at          timestamptz,
    enabled             boolean     not null default true,
    revoked_at          timestamptz,
    last_used_at        timestamptz,
    created_by_user_id  uuid,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint api_keys_environment_known check (environment in ('live', 'test')),
    constraint api_keys_rate_limit_positive check (rate_limit_requests > 0 and rate_limit_seconds > 0)
);
create index api_keys_organization on api_keys (organization_id, id);

create table api_key_secrets (
    secret_hash bytea       primary key,
    key_id      uuid        not null references api_keys (id) on delete cascade,
    -- Set when the key is rerolled: this secret stops working then.
    expires_at  timestamptz,
    created_at  timestamptz not null default now(),
    constraint api_key_secrets_sha256 check (octet_length(secret_hash) = 32)
);
create index api_key_secrets_key on api_key_secrets (key_id);

-- The key's current rate-limit window: it begins with the first request after the previous one
-- ended and counts every request in it, admitted or not.
create table api_key_rate_windows (
    key_id     uuid        primary key references api_keys (id) on delete cascade,
    window_end timestamptz not null,
    requests   integer     not null
);

-- Requests per key, UTC day and route, by status class. Every key-authenticated request is counted
-- as 2xx (or 4xx when rate limited) by the statement that authenticates it; one that answers with
-- another status moves its count afterwards.
create table api_key_usage (
    key_id          uuid   not null references api_keys (id) on delete cascade,
    day             date   not null,
    route           text   not null,
    organization_id uuid   not null,
    status_2xx      bigint not null default 0,
    status_3xx      bigint not null default 0,
    status_4xx      bigint not null default 0,
    status_5xx      bigint not null default 0,
    primary key (key_id, day, route)
);
