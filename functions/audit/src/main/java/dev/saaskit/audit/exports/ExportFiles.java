package dev.saaskit.audit.exports;

import dev.saaskit.shared.storage.ObjectStorage;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Export files past their keeping time ({@code AUDIT_EXPORT_FILE_DAYS}): deleted from S3, their exports marked expired. */
public final class ExportFiles {

  static final int BATCH = 500;

  private ExportFiles() {}

  /** Deletes up to a batch of expired files; answers how many. */
  public static int deleteExpired(Handle db, ObjectStorage storage, Instant now) {
    ExportStore exports = new ExportStore(db);
    List<ExportStore.ExpiredFile> files = exports.expiredFiles(now, BATCH);
    for (ExportStore.ExpiredFile file : files) {
      storage.delete(file.objectKey());
      exports.expired(file.id());
    }
    return files.size();
  }
}
