-- An organization's theme with its organization's slug (for public URLs) and its current logo and
-- favicon uploads.
select t.organization_id, o.slug, t.version, t.colors, t.dark_colors, t.heading_font, t.body_font, t.custom_css,
       t.created_at, t.updated_at,
       logo.content_type as logo_type, logo.size_bytes as logo_size,
       favicon.content_type as favicon_type, favicon.size_bytes as favicon_size
  from themes t
  join organizations o on o.id = t.organization_id
  left join theme_uploads logo on logo.id = t.logo_upload_id
  left join theme_uploads favicon on favicon.id = t.favicon_upload_id
 where t.organization_id = :org
