-- Purging an organization (tenancy's purge-organizations) deletes its row and lets every
-- tenant-owned row go with it by foreign key. Auth's sessions reference organizations without a
-- cascade (V2), so the purge of an organization anyone ever signed in to failed. A session belongs
-- to the organization it is scoped to, and its refresh tokens to the session: both go with it.
alter table sessions
    drop constraint sessions_organization_id_fkey,
    add constraint sessions_organization_id_fkey
        foreign key (organization_id) references organizations (id) on delete cascade;

alter table refresh_tokens
    drop constraint refresh_tokens_session_id_fkey,
    add constraint refresh_tokens_session_id_fkey
        foreign key (session_id) references sessions (id) on delete cascade;
