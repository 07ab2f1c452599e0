package dev.saaskit.audit.retention;

import dev.saaskit.shared.db.Handle;
import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Export files past their keeping time, audit exports' ({@code AUDIT_EXPORT_FILE_DAYS}) and data
 * exports' ({@code DATA_EXPORT_FILE_DAYS}): deleted from S3, their exports marked expired. Both
 * tables keep a file the same way (an object key until {@code file_expires_at}), so one pass serves both.
 */
final class ExpiredExportFiles {

  static final int BATCH = 500;

  private ExpiredExportFiles() {}

  /** The files deleted by one pass, per kind of export. */
  record Deleted(int auditExports, int dataExports) {}

  private record ExpiredFile(String table, UUID id, String objectKey) {}

  /** Deletes up to a batch of expired files, oldest first. */
  static Deleted delete(Handle db, ObjectStorage storage, Instant now) {
    List<ExpiredFile> files = db.createQuery(
            """
            select 'audit_exports' as table_name, id, object_key, file_expires_at from audit_exports
             where object_key is not null and file_expires_at <= :now
            union all
            select 'data_exports', id, object_key, file_expires_at from data_exports
             where object_key is not null and file_expires_at <= :now
            order by file_expires_at limit :limit
            """)
        .bind("now", now).bind("limit", BATCH)
        .map(rs -> new ExpiredFile(rs.getString("table_name"), rs.getObject("id", UUID.class), rs.getString("object_key")))
        .list();
    int auditExports = 0;
    for (ExpiredFile file : files) {
      // The row is marked only once its file is gone: a failed delete leaves it for the next run.
      storage.delete(file.objectKey());
      if (file.table().equals("audit_exports")) {
        db.createUpdate("update audit_exports set status = 'expired', object_key = null where id = :id").bind("id", file.id()).execute();
        auditExports++;
      } else {
        db.createUpdate("update data_exports set status = 'expired', object_key = null, updated_at = now() where id = :id")
            .bind("id", file.id()).execute();
      }
    }
    return new Deleted(auditExports, files.size() - auditExports);
  }
}
