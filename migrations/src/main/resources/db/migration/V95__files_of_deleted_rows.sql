-- Files whose rows are gone. An organization's purge deletes its rows by cascade (identity knows no
-- other domain's tables), so a support attachment's or a theme upload's row can go without the code
-- that owns its file ever seeing it: its object stayed in S3 for good. A trigger now keeps the key of
-- every deleted row's file in its domain's <domain>_deleted_files, in the same transaction as the
-- delete, and the domain's schedule deletes the object and then the key (support-purge-uploads,
-- themes-purge-files).

create table support_deleted_files (
    object_key text        primary key,
    deleted_at timestamptz not null default now()
);

create table theme_deleted_files (
    object_key text        primary key,
    deleted_at timestamptz not null default now()
);

-- The trigger's argument names the table that keeps the key. SECURITY DEFINER: PostgreSQL fires a
-- cascade's AFTER triggers at the end of the statement that deleted the organization, as its user
-- (identity's), which has no right on these tables; the function runs as its owner, the
-- migration's. Only a trigger can call it, and only these two triggers name a table.
create function keep_deleted_file_key() returns trigger language plpgsql security definer set search_path from current as $$
begin
    execute format('insert into %I (object_key) values ($1) on conflict do nothing', tg_argv[0]) using old.object_key;
    return null;
end
$$;

create trigger support_attachments_keep_file_key after delete on support_attachments
    for each row execute function keep_deleted_file_key('support_deleted_files');

create trigger theme_uploads_keep_file_key after delete on theme_uploads
    for each row execute function keep_deleted_file_key('theme_deleted_files');

-- Theme uploads never completed, found by their window.
create index theme_uploads_open on theme_uploads (expires_at) where completed_at is null;
