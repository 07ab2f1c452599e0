package dev.saaskit.workers.templates;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.http.PageRequest;
import dev.saaskit.shared.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The workflow templates of one organization and their versions. Every query filters by the
 * organization from the caller's credentials; deleted templates are not found, but their versions
 * stay for the jobs that run them.
 */
public final class TemplateStore {

  private static final String SELECT =
      """
      select t.id, t.version as current_version, v.version, v.definition::text as definition, t.created_at, t.updated_at
        from worker_templates t
        join worker_template_versions v on v.template_id = t.id
      """;

  private final Handle db;
  private final UUID organization;

  public TemplateStore(Handle db, UUID organization) {
    this.db = db;
    this.organization = organization;
  }

  Template insert(UUID id, Definition definition, UUID userId, UUID apiKeyId) {
    db.createUpdate("insert into worker_templates (id, organization_id, name, version) values (:id, :org, :name, 1)")
        .bind("id", id)
        .bind("org", organization)
        .bind("name", definition.name())
        .execute();
    insertVersion(id, 1, definition, userId, apiKeyId);
    return find(id).orElseThrow();
  }

  /** Stores the definition as the template's next version; returns the version. */
  int newVersion(UUID id, Definition definition, UUID userId, UUID apiKeyId) {
    int version = db.createQuery(
            """
            update worker_templates set version = version + 1, name = :name, updated_at = now()
             where id = :id and organization_id = :org
            returning version
            """)
        .bind("id", id)
        .bind("org", organization)
        .bind("name", definition.name())
        .mapTo(Integer.class)
        .one();
    insertVersion(id, version, definition, userId, apiKeyId);
    return version;
  }

  private void insertVersion(UUID id, int version, Definition definition, UUID userId, UUID apiKeyId) {
    db.createUpdate(
            """
            insert into worker_template_versions (template_id, version, organization_id, definition, created_by_user_id, created_by_api_key_id)
            values (:id, :version, :org, cast(:definition as jsonb), :user, :key)
            """)
        .bind("id", id)
        .bind("version", version)
        .bind("org", organization)
        .bind("definition", Json.write(definition))
        .bind("user", userId)
        .bind("key", apiKeyId)
        .execute();
  }

  boolean nameTaken(String name, UUID except) {
    return db.createQuery(
            """
            select exists (select 1 from worker_templates
                            where organization_id = :org and name = :name and deleted_at is null
                              and id is distinct from :except)
            """)
        .bind("org", organization)
        .bind("name", name)
        .bind("except", except)
        .mapTo(Boolean.class)
        .one();
  }

  /** The template at its current version. */
  public Optional<Template> find(UUID id) {
    return db.createQuery(SELECT + " where t.id = :id and t.organization_id = :org and t.deleted_at is null and v.version = t.version")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  Optional<Template> find(UUID id, int version) {
    return db.createQuery(SELECT + " where t.id = :id and t.organization_id = :org and t.deleted_at is null and v.version = :version")
        .bind("id", id)
        .bind("org", organization)
        .bind("version", version)
        .map(rs -> read(rs))
        .findOne();
  }

  /** Finds the template and locks it until the transaction ends, so two changes make two versions one after the other. */
  Optional<Template> lock(UUID id) {
    return db.createQuery(SELECT + " where t.id = :id and t.organization_id = :org and t.deleted_at is null and v.version = t.version"
            + " for update of t")
        .bind("id", id)
        .bind("org", organization)
        .map(rs -> read(rs))
        .findOne();
  }

  List<Template> list(PageRequest page) {
    return db.createQuery(SELECT
            + """
               where t.organization_id = :org and t.deleted_at is null and v.version = t.version
                 and (cast(:after as uuid) is null or t.id > cast(:after as uuid))
               order by t.id
               limit :limit
              """)
        .bind("org", organization)
        .bind("after", page.after())
        .bind("limit", page.fetchSize())
        .map(rs -> read(rs))
        .list();
  }

  void delete(UUID id) {
    db.createUpdate("update worker_templates set deleted_at = now(), updated_at = now() where id = :id and organization_id = :org")
        .bind("id", id)
        .bind("org", organization)
        .execute();
  }

  /** One version's definition, deleted templates' too: what a job of that version runs. */
  public Definition definition(UUID templateId, int version) {
    return db.createQuery(
            """
            select definition::text from worker_template_versions
             where template_id = :id and version = :version and organization_id = :org
            """)
        .bind("id", templateId)
        .bind("version", version)
        .bind("org", organization)
        .map(rs -> Json.read(rs.getString(1), Definition.class))
        .one();
  }

  private static Template read(ResultSet rs) throws SQLException {
    return Template.of(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getInt("current_version"),
        Json.read(rs.getString("definition"), Definition.class), instant(rs, "created_at"), instant(rs, "updated_at"));
  }
}
