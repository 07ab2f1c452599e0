-- Auth: sessions with their refresh tokens, single-use email tokens, sign-in throttling, and a
-- per-organization active flag on memberships.

-- A session is one refresh-token family: created at sign-in, extended by each refresh, ended by
-- logout, a password change or reset, reuse of a rotated token, or an administrator.
create table sessions (
    id              uuid primary key,
    user_id         uuid        not null references users (id),
    organization_id uuid        not null references organizations (id),
    ip              text,
    user_agent      text,
    created_at      timestamptz not null,
    last_used_at    timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    revoked_reason  text
);
create index sessions_user on sessions (user_id, id);

-- Only the SHA-256 of a refresh token is stored. used_at is set when the token is rotated; using
-- it again after the grace window revokes its session.
create table refresh_tokens (
    token_hash bytea primary key,
    session_id uuid        not null references sessions (id),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint refresh_tokens_hash_length check (octet_length(token_hash) = 32)
);
create index refresh_tokens_session on refresh_tokens (session_id);

-- Email verification and password reset tokens: SHA-256 only, single use, short-lived. email is
-- the address a verification token proves (the new one, for an email change).
create table user_tokens (
    token_hash bytea primary key,
    user_id    uuid        not null references users (id),
    purpose    text        not null,
    email      text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    constraint user_tokens_purpose_known check (purpose in ('verify_email', 'reset_password')),
    constraint user_tokens_hash_length check (octet_length(token_hash) = 32)
);
create index user_tokens_user on user_tokens (user_id, purpose);

-- Failed sign-ins per subject ('email:<address>' or 'ip:<address>'), one row each, updated by a
-- single upsert per failure: no session state, safe behind a transaction-pooling proxy.
create table login_throttles (
    subject         text primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- An organization's administrator suspends a member here, without touching the person's account
-- (which other organizations share).
alter table organization_members add column active boolean not null default true;
