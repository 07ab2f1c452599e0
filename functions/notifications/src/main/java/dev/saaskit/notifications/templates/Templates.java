package dev.saaskit.notifications.templates;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The templates one organization sees: its own and the platform's defaults (organization null).
 * Reads take both; changes only its own. Every query filters by the organization from the caller's
 * credentials; a null organization (a platform message) sees only the defaults.
 */
public final class Templates {

  /** One version of a template's content. */
  public record Content(String subject, String body, String htmlBody, List<String> variables) {}

  private static final String COLUMNS =
      """
      t.id, t.organization_id, t.name, t.channel, t.locale, t.category, v.version, t.version as latest_version,
      v.subject, v.body, v.html_body, v.variables, t.created_at, t.updated_at
      """;

  private final Handle db;
  private final UUID organization;

  public Templates(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  public List<Template> list(PageRequest page, String name, String channel) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from notification_templates t
                   join notification_template_versions v on v.template_id = t.id and v.version = t.version
                  where (t.organization_id = :org or t.organization_id is null) and t.deleted_at is null
                    and (cast(:name as text) is null or t.name = :name)
                    and (cast(:channel as text) is null or t.channel = :channel)
                    and (cast(:after as uuid) is null or t.id > cast(:after as uuid))
                  order by t.id
                  limit :limit
                """)
        .bind("org", organization)
        .bind("name", name)
        .bind("channel", channel)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  /** A template the organization sees, at {@code version} (null: its latest). */
  public Optional<Template> find(UUID id, Integer version) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from notification_templates t
                   join notification_template_versions v on v.template_id = t.id and v.version = coalesce(:version, t.version)
                  where t.id = :id and (t.organization_id = :org or t.organization_id is null) and t.deleted_at is null
                """)
        .bind("id", id)
        .bind("org", organization)
        .bind("version", version)
        .map(rs -> read(rs))
        .findOne();
  }

  /** The organization's own template, locked for a change until the transaction ends. */
  public Optional<Template> lockOwn(UUID id) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from notification_templates t
                   join notification_template_versions v on v.template_id = t.id and v.version = t.version
                  where t.id = :id and t.organization_id = :org and t.deleted_at is null
                  for update of t
                """)
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  /** The platform's default of that name and channel in any locale, if there is one. */
  public Optional<Template> platformDefault(String name, String channel) {
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from notification_templates t
                   join notification_template_versions v on v.template_id = t.id and v.version = t.version
                  where t.organization_id is null and t.name = :name and t.channel = :channel and t.deleted_at is null
                  order by t.locale = 'en' desc, t.locale
                  limit 1
                """)
        .bind("name", name)
        .bind("channel", channel)
        .map(rs -> read(rs))
        .findFirst();
  }

  /**
   * The template a message of {@code name} on {@code channel} uses for a reader of {@code locale}:
   * the closest locale first (the locale itself, its language, then {@value #FALLBACK_LOCALE}),
   * and of one locale the organization's own before the platform's.
   */
  public Optional<Template> resolve(String name, String channel, String locale) {
    String language = locale.contains("-") ? locale.substring(0, locale.indexOf('-')) : locale;
    return db.createQuery(
            "select " + COLUMNS
                + """
                   from notification_templates t
                   join notification_template_versions v on v.template_id = t.id and v.version = t.version
                  where t.name = :name and t.channel = :channel and t.deleted_at is null
                    and (t.organization_id = :org or t.organization_id is null)
                    and t.locale in (:locale, :language, :fallback)
                  order by case t.locale when :locale then 0 when :language then 1 else 2 end, t.organization_id is null
                  limit 1
                """)
        .bind("name", name)
        .bind("channel", channel)
        .bind("org", organization)
        .bind("locale", locale)
        .bind("language", language)
        .bind("fallback", FALLBACK_LOCALE)
        .map(rs -> read(rs))
        .findFirst();
  }

  public static final String FALLBACK_LOCALE = "en";

  /** One version's content, as a message pinned to it renders it. */
  public static Optional<Content> version(Handle db, UUID templateId, int version) {
    return db.createQuery(
            "select subject, body, html_body, variables from notification_template_versions where template_id = :id and version = :version")
        .bind("id", templateId)
        .bind("version", version)
        .map(rs -> new Content(rs.getString("subject"), rs.getString("body"), rs.getString("html_body"),
            List.of((String[]) rs.getArray("variables").getArray())))
        .findOne();
  }

  /** False when the organization already has a template of that name, channel and locale. */
  public boolean insert(UUID id, String name, String channel, String locale, String category, Content content, UUID byUser, UUID byKey) {
    int inserted = db.createUpdate(
            """
            insert into notification_templates (id, organization_id, name, channel, locale, category, version)
            values (:id, :org, :name, :channel, :locale, :category, 1)
            on conflict do nothing
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("name", name)
        .bind("channel", channel)
        .bind("locale", locale)
        .bind("category", category)
        .execute();
    if (inserted == 0) {
      return false;
    }
    insertVersion(id, 1, content, byUser, byKey);
    return true;
  }

  /** Makes {@code content} the template's next version; returns its number. */
  public int newVersion(UUID id, String category, Content content, UUID byUser, UUID byKey) {
    int version = db.createQuery(
            """
            update notification_templates set version = version + 1, category = :category, updated_at = now()
             where id = :id and organization_id = :org
            returning version
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("category", category)
        .mapTo(Integer.class)
        .one();
    insertVersion(id, version, content, byUser, byKey);
    return version;
  }

  /** Deletes the organization's template; its versions stay for the messages sent with them. */
  public void delete(UUID id) {
    db.createUpdate("update notification_templates set deleted_at = now(), updated_at = now() where id = :id and organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .execute();
  }

  private void insertVersion(UUID id, int version, Content content, UUID byUser, UUID byKey) {
    db.createUpdate(
            """
            insert into notification_template_versions
                   (template_id, version, subject, body, html_body, variables, created_by_user_id, created_by_api_key_id)
            values (:id, :version, :subject, :body, :html, :variables, :user, :key)
            """)
        .bind("id", id)
        .bind("version", version)
        .bind("subject", content.subject())
        .bind("body", content.body())
        .bind("html", content.htmlBody())
        .bind("variables", content.variables().toArray(String[]::new))
        .bind("user", byUser)
        .bind("key", byKey)
        .execute();
  }

  private static Template read(ResultSet rs) throws SQLException {
    UUID organizationId = rs.getObject("organization_id", UUID.class);
    return new Template(
        rs.getObject("id", UUID.class),
        organizationId,
        organizationId == null,
        rs.getString("name"),
        rs.getString("channel"),
        rs.getString("locale"),
        rs.getString("category"),
        rs.getInt("version"),
        rs.getInt("latest_version"),
        rs.getString("subject"),
        rs.getString("body"),
        rs.getString("html_body"),
        List.of((String[]) rs.getArray("variables").getArray()),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
