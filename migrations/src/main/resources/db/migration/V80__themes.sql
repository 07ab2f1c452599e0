-- Themes and public pages (issue 21): one theme per organization, its logo and favicon uploads,
-- and the organization's pages written in Markdown. The themes domain owns all three.

-- version counts every change of what the public theme shows (colors, fonts, CSS, logo, favicon):
-- public pages link theme.css?v=<version>, so a page changes when its theme does.
create table themes (
    organization_id uuid        primary key references organizations (id) on delete cascade,
    version         integer     not null default 1,
    colors          jsonb       not null,
    dark_colors     jsonb,
    heading_font    text        not null,
    body_font       text        not null,
    custom_css      text        not null default '',
    logo_upload_id  uuid,
    favicon_upload_id uuid,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint themes_colors_is_object check (jsonb_typeof(colors) = 'object'),
    constraint themes_dark_colors_is_object check (dark_colors is null or jsonb_typeof(dark_colors) = 'object'),
    constraint themes_custom_css_size check (octet_length(custom_css) <= 16384)
);

-- An upload is declared (kind, type, size) before the browser sends the bytes to S3 through a
-- presigned URL, and becomes the theme's logo or favicon once completed and checked.
create table theme_uploads (
    id              uuid        primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    kind            text        not null,
    content_type    text        not null,
    size_bytes      integer     not null,
    object_key      text        not null,
    expires_at      timestamptz not null,
    completed_at    timestamptz,
    created_at      timestamptz not null default now(),
    constraint theme_uploads_kind_known check (kind in ('logo', 'favicon')),
    constraint theme_uploads_size_positive check (size_bytes > 0)
);
create index theme_uploads_organization on theme_uploads (organization_id);

alter table themes add constraint themes_logo_upload foreign key (logo_upload_id) references theme_uploads (id);
alter table themes add constraint themes_favicon_upload foreign key (favicon_upload_id) references theme_uploads (id);

-- html is the Markdown rendered and sanitised when the page is written, so reading a public page
-- renders nothing.
create table pages (
    id              uuid        primary key,
    organization_id uuid        not null references organizations (id) on delete cascade,
    slug            text        not null,
    title           text        not null,
    markdown        text        not null,
    html            text        not null,
    status          text        not null,
    seo_title       text,
    seo_description text,
    published_at    timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint pages_status_known check (status in ('draft', 'published')),
    constraint pages_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 64),
    constraint pages_markdown_size check (octet_length(markdown) <= 102400)
);
create unique index pages_organization_slug on pages (organization_id, slug);
