package dev.saaskit.themes.site;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.problem.ApiException;
import dev.saaskit.themes.theme.Fonts;
import dev.saaskit.themes.theme.Palette;
import dev.saaskit.themes.theme.Theme;
import dev.saaskit.themes.theme.ThemeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the public routes read, by the organization's slug: the organization (not deleted), its
 * theme (the platform's default until it has one), a published page, an asset's file.
 */
final class Site {

  /** How long browsers and CDNs may keep a public answer before asking again (with its ETag). */
  static final String CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

  /** The theme of an organization that has not made one: version 0, readable and AA-compliant. */
  static final Theme DEFAULT_THEME = new Theme(new Palette("#1d4ed8", "#ffffff", "#ffffff", "#111827", "#1d4ed8"), null,
      new Fonts("system-ui", "system-ui"), "", null, null, 0, List.of(), Instant.EPOCH, Instant.EPOCH);

  record Organization(UUID id, String slug, String name) {}

  record PublishedPage(String title, String html, String seoTitle, String seoDescription) {}

  record StoredAsset(String objectKey, String contentType) {}

  private final Handle db;

  Site(Handle db) {
    this.db = db;
  }

  /** Every public route's 404: the same whatever was missing, so it tells nothing about what exists. */
  static ApiException notFound() {
    return ApiException.notFound("page");
  }

  Organization organization(String slug) {
    return db.createQuery("select id, slug, name from organizations where slug = :slug and deleted_at is null")
        .bind("slug", slug)
        .map(rs -> new Organization(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name")))
        .findOne()
        .orElseThrow(Site::notFound);
  }

  Theme theme(Organization organization) {
    return new ThemeStore(db, organization.id()).find().orElse(DEFAULT_THEME);
  }

  Optional<PublishedPage> publishedPage(Organization organization, String slug) {
    return db.createQuery(
            """
            select title, html, seo_title, seo_description from pages
             where organization_id = :org and slug = :slug and status = 'published'
            """)
        .bind("org", organization.id()).bind("slug", slug)
        .map(rs -> new PublishedPage(rs.getString("title"), rs.getString("html"), rs.getString("seo_title"),
            rs.getString("seo_description")))
        .findOne();
  }

  Optional<StoredAsset> asset(Organization organization, String kind) {
    String column = switch (kind) {
      case "logo" -> "logo_upload_id";
      case "favicon" -> "favicon_upload_id";
      default -> null;
    };
    if (column == null) {
      return Optional.empty();
    }
    return db.createQuery(
            "select u.object_key, u.content_type from themes t join theme_uploads u on u.id = t." + column
                + " where t.organization_id = :org")
        .bind("org", organization.id())
        .map(rs -> new StoredAsset(rs.getString("object_key"), rs.getString("content_type")))
        .findOne();
  }
}
