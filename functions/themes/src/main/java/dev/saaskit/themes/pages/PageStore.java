package dev.saaskit.themes.pages;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.themes.theme.SiteUrls;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code pages} of one organization: every query filters by the caller's organization. */
final class PageStore {

  private static final String COLUMNS =
      """
      p.id, p.slug, p.title, p.markdown, p.status, p.seo_title, p.seo_description, p.published_at, p.created_at,
      p.updated_at, (select o.slug from organizations o where o.id = p.organization_id) as organization_slug
      """;

  private final Handle db;
  private final UUID organization;

  PageStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  /** Empty when the organization has a page with this slug. */
  Optional<Page> insert(UUID id, String slug, String title, String markdown, String html, String status, Page.Seo seo) {
    return db.createQuery(
            """
            insert into pages as p (id, organization_id, slug, title, markdown, html, status, seo_title, seo_description,
                               published_at)
            values (:id, :org, :slug, :title, :markdown, :html, :status, :seo_title, :seo_description,
                    case when :status = 'published' then now() end)
            on conflict (organization_id, slug) do nothing
            returning\s"""
                + COLUMNS)
        .bind("id", id).bind("org", organization).bind("slug", slug).bind("title", title).bind("markdown", markdown)
        .bind("html", html).bind("status", status)
        .bind("seo_title", seo == null ? null : seo.title()).bind("seo_description", seo == null ? null : seo.description())
        .map(rs -> read(rs))
        .findOne();
  }

  Optional<Page> find(String slug) {
    return db.createQuery("select " + COLUMNS + " from pages p where p.organization_id = :org and p.slug = :slug")
        .bind("org", organization).bind("slug", slug)
        .map(rs -> read(rs))
        .findOne();
  }

  List<Page> list(PageRequest page) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from pages p
                  where p.organization_id = :org and (cast(:after as uuid) is null or p.id > cast(:after as uuid))
                  order by p.id
                  limit :limit
                """)
        .bind("org", organization).bind("after", page.after()).bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** Replaces the page's content; published_at is the first time it was published. Empty when there is no such page. */
  Optional<Page> update(String slug, String title, String markdown, String html, String status, Page.Seo seo) {
    return db.createQuery(
            """
            update pages as p
               set title = :title, markdown = :markdown, html = :html, status = :status, seo_title = :seo_title,
                   seo_description = :seo_description, updated_at = now(),
                   published_at = case when :status = 'published' then coalesce(p.published_at, now()) end
             where p.organization_id = :org and p.slug = :slug
            returning\s"""
                + COLUMNS)
        .bind("org", organization).bind("slug", slug).bind("title", title).bind("markdown", markdown).bind("html", html)
        .bind("status", status)
        .bind("seo_title", seo == null ? null : seo.title()).bind("seo_description", seo == null ? null : seo.description())
        .map(rs -> read(rs))
        .findOne();
  }

  /** The deleted page's id; empty when there is no such page. */
  Optional<UUID> delete(String slug) {
    return db.createQuery("delete from pages where organization_id = :org and slug = :slug returning id")
        .bind("org", organization).bind("slug", slug)
        .mapTo(UUID.class)
        .findOne();
  }

  private static Page read(ResultSet rs) throws SQLException {
    String seoTitle = rs.getString("seo_title");
    String seoDescription = rs.getString("seo_description");
    String slug = rs.getString("slug");
    return new Page(rs.getObject("id", UUID.class), slug, rs.getString("title"), rs.getString("markdown"),
        rs.getString("status"), seoTitle == null && seoDescription == null ? null : new Page.Seo(seoTitle, seoDescription),
        SiteUrls.page(rs.getString("organization_slug"), slug), instant(rs.getTimestamp("published_at")),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
