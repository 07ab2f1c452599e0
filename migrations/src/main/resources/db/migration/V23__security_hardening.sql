-- Security hardening (issue 14).

-- A session lives at most max_expires_at (90 days from sign-in by default), however often it is
-- refreshed. Sessions from before get the same bound from their start.
alter table sessions add column max_expires_at timestamptz not null default now() + interval '90 days';
update sessions set max_expires_at = created_at + interval '90 days';

-- The key each refresh token's successor is derived from (HMAC-SHA256 of the token presented), so
-- a refresh repeated within the grace window gets the same successor instead of a second live
-- branch of the session. Sessions from before have none and rotate as they did.
alter table sessions add column rotation_key bytea;
alter table sessions add constraint sessions_rotation_key_length check (rotation_key is null or octet_length(rotation_key) = 32);

-- Routes that end every session of an organization (a deleted organization, a removed member) and
-- the organization's keys of a workspace read these.
create index sessions_organization on sessions (organization_id);
create index api_keys_workspace on api_keys (workspace_id) where workspace_id is not null;

-- The link in the notice to an account's previous address, which takes an email change back.
alter table user_tokens drop constraint user_tokens_purpose_known;
alter table user_tokens add constraint user_tokens_purpose_known check (purpose in ('verify_email', 'reset_password', 'revert_email'));

-- A deleted account holds no memberships: it is nobody's org_admin any more.
delete from organization_members m using users u where u.id = m.user_id and u.deleted_at is not null;
