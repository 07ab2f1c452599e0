-- Files whose rows are gone. An organization's purge deletes its rows by cascade (identity knows no
-- other domain's tables), so a support attachment's or a theme upload's row can go without the code
-- that owns its file ever seeing it: its object stayed in S3 for good. A trigger now keeps the key of
-- every deleted row's file, in the same transaction as the delete, and the owning domain's schedule
-- deletes the object and then the key (support-purge-uploads, themes-purge-files).
--
-- SECURITY DEFINER: PostgreSQL fires a cascade's AFTER triggers at the end of the statement that
-- deleted the organization, as its user (identity's), which has no right on these tables; the
-- functions run as their owner, the migration's, and insert one row of their own table, nothing else.

create table support_deleted_files (
    object_key text        primary key,
    deleted_at timestamptz not null default now()
);

create function support_attachment_deleted() returns trigger language plpgsql security definer set search_path from current as $$
begin
    insert into support_deleted_files (object_key) values (old.object_key) on conflict do nothing;
    return null;
end
$$;

create trigger support_attachments_keep_file_key after delete on support_attachments
    for each row execute function support_attachment_deleted();

create table theme_deleted_files (
    object_key text        primary key,
    deleted_at timestamptz not null default now()
);

create function theme_upload_deleted() returns trigger language plpgsql security definer set search_path from current as $$
begin
    insert into theme_deleted_files (object_key) values (old.object_key) on conflict do nothing;
    return null;
end
$$;

create trigger theme_uploads_keep_file_key after delete on theme_uploads
    for each row execute function theme_upload_deleted();

-- Theme uploads never completed, found by their window.
create index theme_uploads_open on theme_uploads (expires_at) where completed_at is null;
