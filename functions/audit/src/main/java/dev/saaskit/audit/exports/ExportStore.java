package dev.saaskit.audit.exports;

import static dev.saaskit.shared.db.RowMapper.instant;

import dev.saaskit.audit.logs.AuditFilter;
import dev.saaskit.shared.db.Handle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** The {@code audit_exports} rows: who asked, the filter, and what became of the file. */
final class ExportStore {

  /** An export as stored, with the key of its file once written. */
  record Stored(UUID id, UUID organizationId, ExportFormat format, AuditFilter filter, String objectKey, AuditExport view) {}

  private static final String COLUMNS = """
      id, organization_id, scope_organization_id, format, actor_user_id, actor_api_key_id, action, resource_type, resource_id,
      from_time, to_time, status, row_count, size_bytes, object_key, error, created_at, completed_at, file_expires_at""";

  private final Handle db;

  ExportStore(Handle db) {
    this.db = db;
  }

  void create(UUID id, UUID organization, UUID userId, UUID apiKeyId, ExportFormat format, AuditFilter f) {
    db.createUpdate(
            """
            insert into audit_exports (id, organization_id, scope_organization_id, requested_by_user_id, requested_by_api_key_id,
                                       format, actor_user_id, actor_api_key_id, action, resource_type, resource_id, from_time, to_time)
            values (:id, :org, :scope, :user, :key, :format, :actor_user, :actor_key, :action, :resource_type, :resource_id,
                    :from, :to)
            """)
        .bind("id", id).bind("org", organization).bind("scope", f.organizationId())
        .bind("user", userId).bind("key", apiKeyId).bind("format", format.code())
        .bind("actor_user", f.actorUserId()).bind("actor_key", f.actorApiKeyId()).bind("action", f.action())
        .bind("resource_type", f.resourceType()).bind("resource_id", f.resourceId())
        .bind("from", f.from()).bind("to", f.to())
        .execute();
  }

  /**
   * The export, if it belongs to the caller's organization and the caller may read what it holds:
   * an export across organizations, or of another organization, only a super_admin.
   */
  Optional<Stored> find(UUID id, UUID organization, boolean superAdmin) {
    return db.createQuery("select " + COLUMNS + """
             from audit_exports
            where id = :id and organization_id = :org
              and (:super_admin or scope_organization_id = :org)
            """)
        .bind("id", id).bind("org", organization).bind("super_admin", superAdmin)
        .map(rs -> stored(rs))
        .findOne();
  }

  /** The export, locked, while it waits for its file; empty once written, failed, or unknown. */
  Optional<Stored> lockQueued(UUID id, UUID organization) {
    return db.createQuery("select " + COLUMNS + """
             from audit_exports
            where id = :id and organization_id = :org and status = 'queued'
              for update
            """)
        .bind("id", id).bind("org", organization)
        .map(rs -> stored(rs))
        .findOne();
  }

  /** The file is written; it is kept {@code keptDays} days from now. */
  void succeeded(UUID id, long rows, long size, String objectKey, int keptDays) {
    db.createUpdate(
            """
            update audit_exports set status = 'succeeded', row_count = :rows, size_bytes = :size, object_key = :key,
                                     completed_at = now(), file_expires_at = now() + make_interval(days => :days)
             where id = :id
            """)
        .bind("id", id).bind("rows", rows).bind("size", size).bind("key", objectKey).bind("days", keptDays)
        .execute();
  }

  void failed(UUID id, String error) {
    db.createUpdate("update audit_exports set status = 'failed', error = :error, completed_at = now() where id = :id")
        .bind("id", id).bind("error", error).execute();
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    UUID id = rs.getObject("id", UUID.class);
    ExportFormat format = ExportFormat.of(rs.getString("format"));
    AuditFilter filter = new AuditFilter(rs.getObject("scope_organization_id", UUID.class), rs.getObject("actor_user_id", UUID.class),
        rs.getObject("actor_api_key_id", UUID.class), rs.getString("action"), rs.getString("resource_type"),
        rs.getString("resource_id"), instant(rs, "from_time"), instant(rs, "to_time"));
    long rows = rs.getLong("row_count");
    Long rowCount = rs.wasNull() ? null : rows;
    long size = rs.getLong("size_bytes");
    Long sizeBytes = rs.wasNull() ? null : size;
    AuditExport view = new AuditExport(id, rs.getString("status"), format.code(), filter, rowCount, sizeBytes, rs.getString("error"),
        instant(rs, "created_at"), instant(rs, "completed_at"), instant(rs, "file_expires_at"), null, null);
    return new Stored(id, rs.getObject("organization_id", UUID.class), format, filter, rs.getString("object_key"), view);
  }
}
